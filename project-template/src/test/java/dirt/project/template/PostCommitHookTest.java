package dirt.project.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import dirt.store.couch.ViewQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs hooks/post-commit with sh, git and curl in a real git repository, against the test CouchDB-compatible server.
 */
@ExtendWith(CouchServerExtension.class)
class PostCommitHookTest {
    private static final String SUBJECT = "Fix \"quoted\" \\ back\tslash";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path hook;
    private Path repo;

    @BeforeEach
    void commitInARepository() throws Exception {
        for (String tool : List.of("sh", "git", "curl")) {
            assumeThat(onPath(tool)).as(tool + " on PATH").isTrue();
        }
        hook = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo").resolve("hooks/post-commit");
        repo = Files.createDirectory(temp.resolve("repo"));
        assertThat(exec(repo, Map.of(), "git", "init", "-q").exit()).isZero();
        Files.writeString(repo.resolve("a.txt"), "a");
        exec(repo, Map.of(), "git", "add", "a.txt");
        assertThat(exec(repo, Map.of(), "git", "commit", "-q", "-m", SUBJECT).exit()).isZero();
    }

    @Test
    void dry_run_prints_a_record_for_the_commit_and_its_tasks_as_valid_json() throws Exception {
        Run run = exec(repo, Map.of("DIRT_DRY_RUN", "1"), "sh", hook.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode docs = JSON.readTree(run.out()).get("docs");
        String commit = exec(repo, Map.of(), "git", "rev-parse", "HEAD").out().strip();
        assertThat(docs.get(0).get("_id").asText()).isEqualTo(commit);
        assertThat(docs.get(0).get("type").asText()).isEqualTo("record");
        assertThat(docs.get(0).get("description").asText()).isEqualTo(SUBJECT);
        assertThat(docs.get(0).get("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(60L));
        List<String> names = new ArrayList<>();
        for (int i = 1; i < docs.size(); i++) {
            assertThat(docs.get(i).get("record_id").asText()).isEqualTo(commit);
            names.add(docs.get(i).get("name").asText());
        }
        assertThat(names).containsExactly("examples.simple", "examples.arguments", "examples.attachments");
    }

    @Test
    void hook_posts_the_record_and_its_tasks_into_the_database(TestCouch couch) throws Exception {
        var db = couch.newDatabase();
        db.createIfMissing();

        Run run = hook(couch, db.name());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("dirt post-commit: posted record");
        var record = db.get(commit()).orElseThrow();
        assertThat(record.get("description").asText()).isEqualTo(SUBJECT);
        assertThat(db.allDocs(ViewQuery.all()).rows()).hasSize(4);
    }

    @Test
    void hook_posts_to_a_local_server_without_credentials_in_the_url_with_the_admin_dirt_keeps(TestCouch couch)
            throws Exception {
        assumeThat(couch.config().hasCredentials()).as("a server with an admin").isTrue();
        var db = couch.newDatabase();
        db.createIfMissing();
        Path dirtHome = Files.createDirectories(temp.resolve("dirt-home/couchdb"));
        Files.writeString(dirtHome.resolve("admin.json"), "{\n  \"user\" : \"%s\",\n  \"password\" : \"%s\"\n}\n"
                .formatted(couch.config().user(), couch.config().password()));
        String bare = couch.config().url().toString();

        Run refused = exec(repo, Map.of("DIRT_COUCH_URL", bare, "DIRT_DATABASE", db.name(),
                "DIRT_HOME_DIR", temp.resolve("nothing").toString()), "sh", hook.toString());
        Run run = exec(repo, Map.of("DIRT_COUCH_URL", bare, "DIRT_DATABASE", db.name(),
                "DIRT_HOME_DIR", dirtHome.getParent().toString()), "sh", hook.toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("(HTTP 401)");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(db.get(commit())).isPresent();
    }

    @Test
    void hook_fails_loudly_with_couchdb_answer_when_the_commit_was_posted_before(TestCouch couch) throws Exception {
        var db = couch.newDatabase();
        db.createIfMissing();
        hook(couch, db.name());

        Run again = hook(couch, db.name());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("CouchDB rejected the record for commit", "conflict");
    }

    @Test
    void hook_fails_loudly_when_the_database_does_not_exist(TestCouch couch) throws Exception {
        Run run = hook(couch, "no_such_database");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("(HTTP 404)", "database \"no_such_database\"");
    }

    private Run hook(TestCouch couch, String database) throws Exception {
        return exec(repo, Map.of("DIRT_COUCH_URL", couch.url(), "DIRT_DATABASE", database), "sh", hook.toString());
    }

    private String commit() throws Exception {
        return exec(repo, Map.of(), "git", "rev-parse", "HEAD").out().strip();
    }

    private record Run(int exit, String out, String err) {}

    private Run exec(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(Map.of(
                "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL", "test@example.org",
                "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.org"));
        builder.environment().remove("DIRT_COUCH_URL");
        builder.environment().remove("DIRT_DATABASE");
        builder.environment().remove("DIRT_DRY_RUN");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
