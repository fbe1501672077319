package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(CouchServerExtension.class)
class CreateCommandTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_HOME_DIR", dir.resolve(".dirt").toString()));
    }

    @Test
    void create_writes_the_project_folder_and_creates_its_database(TestCouch couch) {
        String db = couch.newDatabaseName();

        var run = cli().run("create", "demo", db, "--couch", couch.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("demo/settings.toml")).exists();
        assertThat(dir.resolve("demo/tasks/examples/Simple.java")).exists();
        assertThat(dir.resolve("demo/test_data.json")).exists();
        assertThat(run.out()).contains("Created dirt project \"demo\"", "Created database \"" + db + "\"");
        assertThat(couch.client().database(db).exists()).isTrue();
    }

    @Test
    void create_twice_refuses_with_a_clear_message_and_nonzero_exit(TestCouch couch) {
        String db = couch.newDatabaseName();
        cli().run("create", "demo", db, "--couch", couch.url());

        var again = cli().run("create", "demo", db, "--couch", couch.url());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err().lines()).singleElement().asString()
                .startsWith("dirt: folder \"")
                .endsWith("demo\" already exists — choose another name or remove it");
    }

    @Test
    void create_with_a_dead_couch_keeps_the_folder_and_says_how_to_go_on() {
        var run = cli().run("create", "demo", "--couch", "http://127.0.0.1:5999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE);
        assertThat(dir.resolve("demo/settings.toml")).exists();
        assertThat(run.err())
                .contains("cannot reach CouchDB at http://127.0.0.1:5999: connection refused — start it with")
                .contains("run 'dirt push' in")
                .doesNotContain("Exception");
    }

    @Test
    void create_refuses_a_name_couchdb_cannot_use_before_writing_anything() {
        var run = cli().run("create", "MyProject", "--couch", "http://127.0.0.1:5999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains(
                "database name \"MyProject\" is not valid for CouchDB",
                "'dirt create MyProject myproject'");
        assertThat(Files.exists(dir.resolve("MyProject"))).isFalse();
    }

    @Test
    void a_dead_couch_is_one_clear_line_without_a_stack_trace() {
        cli().run("create", "demo", "--couch", "http://127.0.0.1:5999");

        var run = cli().run("push", "--project", "demo", "--couch", "http://127.0.0.1:5999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STORE);
        assertThat(run.err().lines()).containsExactly("dirt: cannot reach CouchDB at http://127.0.0.1:5999: connection"
                + " refused — start it with 'dirt couch start', or point dirt at another server with --couch URL or"
                + " DIRT_COUCH_URL");
    }

    @Test
    void push_creates_the_database_of_the_project_and_is_safe_to_repeat(TestCouch couch) {
        String db = couch.newDatabaseName();
        cli().run("create", "demo", db, "--couch", "http://127.0.0.1:5999");

        var first = cli().run("push", "--project", "demo", "--couch", couch.url());
        var second = cli().run("push", "--project", "demo", "--couch", couch.url());

        assertThat(first.out()).startsWith("Created database \"" + db + "\"");
        assertThat(second.out()).startsWith("Found database \"" + db + "\"");
        assertThat(couch.client().database(db).exists()).isTrue();
    }

    @Test
    void a_malformed_couch_url_is_a_clear_error_that_hides_the_password() {
        var run = cli().run("couch", "status", "--couch", "http://admin:s3cret@bad host:5984");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SETTINGS);
        assertThat(run.err()).contains("is not a URL").doesNotContain("s3cret").doesNotContain("Exception");
    }

    @Test
    void a_couch_url_given_to_create_is_remembered_without_its_password(TestCouch couch) throws Exception {
        String db = couch.newDatabaseName();
        cli().run("create", "demo", db, "--couch", "http://admin:s3cret@127.0.0.1:5999/");

        String settings = Files.readString(dir.resolve("demo/settings.toml"));
        String readme = Files.readString(dir.resolve("demo/README.md"));
        String hook = Files.readString(dir.resolve("demo/hooks/post-commit"));

        assertThat(settings).contains("url = \"http://127.0.0.1:5999\"").doesNotContain("s3cret");
        assertThat(readme).contains("http://127.0.0.1:5999/" + db + "/_bulk_docs").doesNotContain("s3cret");
        assertThat(hook).contains("${DIRT_COUCH_URL:-http://127.0.0.1:5999}").doesNotContain("s3cret");
    }
}
