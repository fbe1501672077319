package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles on Apache CouchDB, end to end: an admin creates and pushes a project; a user with only the role
 * dirt_server registers the node and serves; a user with only dirt_submitter posts the samples and waits for them,
 * and may not write node documents.
 */
@ExtendWith(CouchServerExtension.class)
class RolesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String userUrl(TestCouch couch, String role) {
        String name = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        couch.client().database("_users").put(JSON.createObjectNode().put("_id", "org.couchdb.user:" + name)
                .put("name", name).put("type", "user").put("password", password)
                .set("roles", JSON.createArrayNode().add(role)));
        URI url = couch.config().url();
        return url.getScheme() + "://" + name + ":" + password + "@" + url.getHost() + ":" + url.getPort();
    }

    private Cli as(String couchUrl) {
        return new Cli(dir.resolve("demo"), Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couchUrl));
    }

    @Test
    void a_server_and_a_submitter_without_admin_rights_run_the_samples_once_an_admin_pushed_the_project(
            TestCouch couch) {
        assumeThat(couch.realCouchDb()).as("Apache CouchDB: roles and _security").isTrue();
        String db = couch.newDatabaseName();
        var created = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()))
                .run("create", "demo", db);
        assertThat(created.out()).as(created.err()).contains("Opened database \"" + db + "\" to users with these roles");
        var pushed = as(couch.url()).run("push");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        Cli server = as(userUrl(couch, "dirt_server"));
        Cli submitter = as(userUrl(couch, "dirt_submitter"));

        var nodes = server.run("updatenodes", "--local");
        var posted = submitter.run("post", "test_data.json");
        var forgedNode = submitter.run("updatenodes", "--local");
        var served = server.run("serve", "--until-done", "--grace", "5");
        var waited = submitter.run("wait", "--timeout", "60", "r123", "r124");

        assertThat(nodes.exitCode()).as(nodes.err()).isZero();
        assertThat(posted.exitCode()).as(posted.err()).isZero();
        assertThat(forgedNode.exitCode()).isNotZero();
        assertThat(forgedNode.err()).contains("only a dirt server writes nodes and slots");
        assertThat(served.exitCode()).as(served.err()).isZero();
        assertThat(waited.exitCode()).as(waited.out() + waited.err()).isZero();
    }

    @Test
    void a_server_without_admin_rights_is_told_to_push_when_the_views_are_not_installed(TestCouch couch) {
        assumeThat(couch.realCouchDb()).as("Apache CouchDB: roles and _security").isTrue();
        String db = couch.newDatabaseName();
        var created = new Cli(dir, Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url()))
                .run("create", "demo", db);
        assertThat(created.exitCode()).as(created.err()).isZero();
        Cli server = as(userUrl(couch, "dirt_server"));

        var served = server.run("serve", "--until-done", "--grace", "5");

        assertThat(served.exitCode()).isNotZero();
        assertThat(served.err()).contains("dirt serve cannot install or update the views of database \"" + db + "\"",
                "run 'dirt push' once as one");
        assertThat(served.err()).doesNotContain("Exception", "\tat ");
    }
}
