package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.config.CommandSettings;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.store.Store;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's sample data: posted once from the project's test_data.json, then summed up per task. */
@ExtendWith(CouchServerExtension.class)
class SampleDataTest {
    @TempDir
    Path dir;

    private Path project;
    private Store store;
    private final StringWriter out = new StringWriter();
    private CliContext cli;

    @BeforeEach
    void a_project_made_by_dirt_create(TestCouch couch) {
        var env = Map.of("HOME", dir.toString(), "DIRT_COUCH_URL", couch.url());
        String name = couch.newDatabaseName();
        assertThat(new Cli(dir, env).run("create", "demo", name).exitCode()).isZero();
        project = dir.resolve("demo");
        store = TestCouch.store(couch.client().database(name));
        var commandLine = Main.commandLine(new Main(project, env));
        commandLine.setOut(new PrintWriter(out, true));
        cli = CliContext.of(commandLine.getCommandSpec());
    }

    @Test
    void the_samples_are_posted_once_and_their_tasks_summed_up() throws Exception {
        Path file = project.resolve("test_data.json");
        List<String> expected = Json.parseObject(Files.readAllBytes(file)).array("docs").orElseThrow().stream()
                .map(JsonObject.class::cast).filter(doc -> doc.string("type").orElse("").equals("task"))
                .map(doc -> doc.id().orElseThrow()).toList();

        List<String> ids = SampleData.post(cli, store, file, CommandSettings.defaults());
        int docs = Json.parseObject(Files.readAllBytes(file)).array("docs").orElseThrow().size();
        SampleData.post(cli, store, file, CommandSettings.defaults());
        SampleData.summary(cli, store, ids);

        assertThat(ids).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(out.toString()).contains(
                "Posted the sample data from test_data.json: " + docs + " document(s) stored, 0 already there",
                "Posted the sample data from test_data.json: 0 document(s) stored, " + docs + " already there",
                "Each task's document holds its results and attachments, e.g.\n  dirt status " + ids.get(0));
        for (String id : ids) {
            assertThat(out.toString()).containsPattern("(?m)^  " + id + " +\\S+ +waiting: ");
        }
    }
}
