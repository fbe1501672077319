package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(CouchServerExtension.class)
class PushSiteTest {
    @TempDir
    Path dir;

    private Cli cli() {
        return new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_HOME_DIR", dir.resolve(".dirt").toString()));
    }

    @Test
    void push_installs_the_web_sites_views_and_says_how_to_open_the_site(TestCouch couch) {
        String db = couch.newDatabaseName();
        cli().run("create", "demo", db, "--couch", "http://127.0.0.1:5999");

        var run = cli().run("push", "--project", "demo", "--couch", couch.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsSubsequence("Installed the web site's views in database \"" + db + "\"",
                "The site: run 'dirt web' and open http://127.0.0.1:5985/");
        assertThat(couch.client().database(db).get("_design/dirt")).get()
                .satisfies(design -> assertThat(design.path("dirt").path("project").asText()).isEqualTo("demo"));
    }

    @Test
    void pushing_again_leaves_an_unchanged_web_site_alone(TestCouch couch) {
        String db = couch.newDatabaseName();
        cli().run("create", "demo", db, "--couch", "http://127.0.0.1:5999");
        cli().run("push", "--project", "demo", "--couch", couch.url());
        String rev = couch.client().database(db).get("_design/dirt").orElseThrow().path("_rev").asText();

        var run = cli().run("push", "--project", "demo", "--couch", couch.url());

        assertThat(run.out()).contains("Web site's views up to date in database \"" + db + "\"");
        assertThat(couch.client().database(db).get("_design/dirt").orElseThrow().path("_rev").asText())
                .isEqualTo(rev);
    }

    @Test
    void push_lets_in_users_with_dirts_roles_and_says_what_each_may_do(TestCouch couch) {
        String db = couch.newDatabaseName();
        cli().run("create", "demo", db, "--couch", "http://127.0.0.1:5999");

        var run = cli().run("push", "--project", "demo", "--couch", couch.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Opened database \"" + db + "\" to users with these roles",
                "dirt_reader     reads", "dirt_submitter  also posts", "dirt_server     also runs tasks",
                "dirt_admin      a database admin");
        var security = couch.client().database(db).security();
        assertThat(security.at("/members/roles").toString()).contains("dirt_reader", "dirt_submitter", "dirt_server");
        assertThat(security.at("/admins/roles").toString()).contains("dirt_admin");
        assertThat(cli().run("push", "--project", "demo", "--couch", couch.url()).out())
                .contains("Database \"" + db + "\" is open to users with these roles");
    }
}
