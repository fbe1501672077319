package dirt.localcouch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmArgsTest {
    @TempDir
    Path dir;

    @Test
    void without_a_cookie_the_file_names_none_so_that_erlang_reads_it_from_home() {
        String text = new VmArgs("dirt-couch-5984@127.0.0.1", Optional.empty()).text();

        assertThat(text).startsWith("-name dirt-couch-5984@127.0.0.1\n-kernel inet_dist_use_interface {127,0,0,1}\n")
                .doesNotContain("-setcookie");
    }

    @Test
    void a_cookie_follows_the_name_and_the_file_is_written_in_the_folder_one_argument_a_line() throws Exception {
        Path file = new VmArgs("couchdb-15984@127.0.0.1", Optional.of("dirt-test")).writeIn(dir);

        assertThat(file).isEqualTo(dir.resolve("vm.args"));
        assertThat(Files.readString(file)).startsWith("-name couchdb-15984@127.0.0.1\n-setcookie dirt-test\n-kernel")
                .endsWith("-os_mon start_cpu_sup false\n-os_mon start_memsup false\n");
    }

    @Test
    void the_node_name_written_is_read_back_and_a_folder_without_the_file_has_none() throws Exception {
        assertThat(VmArgs.nodeNameIn(dir)).isEmpty();

        new VmArgs("dirt-couch-5984-a1b2c3@127.0.0.1", Optional.empty()).writeIn(dir);

        assertThat(VmArgs.nodeNameIn(dir)).contains("dirt-couch-5984-a1b2c3@127.0.0.1");
    }
}
