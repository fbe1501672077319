package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test fixture that runs Apache CouchDB from a release: what it refuses, and how it configures a node. */
class CouchDbReleaseTest {
    @TempDir
    Path dir;

    @Test
    void a_folder_without_bin_couchdb_is_refused_with_how_to_install_a_release() {
        assertThatThrownBy(() -> CouchDbRelease.start(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not a CouchDB release: bin/couchdb missing in \"" + dir
                        + "\" — install one with ../shared/couchdb/install DEST");
    }

    @Test
    void a_node_listens_on_loopback_alone_with_its_node_local_port_two_above_and_an_admin() {
        String ini = CouchDbRelease.localIni(dir, 15984, "secret");

        assertThat(ini).contains("[chttpd]\nport = 15984\nbind_address = 127.0.0.1\n")
                .contains("[httpd]\nport = 15986\nbind_address = 127.0.0.1\n")
                .contains("single_node = true\n")
                .contains("database_dir = " + dir + "/data\n")
                .contains("[admins]\nadmin = secret\n");
        assertThat(CouchDbRelease.vmArgs("couchdb-15984@127.0.0.1").text())
                .startsWith("-name couchdb-15984@127.0.0.1\n");
    }

    @Test
    void the_port_picker_finds_a_port_whose_node_local_port_is_free_too() throws Exception {
        int port = CouchDbRelease.freePortPair();

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (var first = new ServerSocket(port, 1, loopback); var second = new ServerSocket(port + 2, 1, loopback)) {
            assertThat(first.getLocalPort()).isEqualTo(port);
            assertThat(second.getLocalPort()).isEqualTo(port + 2);
        }
    }
}
