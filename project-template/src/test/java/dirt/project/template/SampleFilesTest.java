package dirt.project.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** test_data.json and settings.toml of a new project are valid and consistent. */
class SampleFilesTest {
    private static final Set<String> EXAMPLE_TASKS = Set.of("examples.simple", "examples.arguments",
            "examples.attachments");

    @TempDir
    static Path temp;

    private static Path folder;

    @BeforeAll
    static void writeTheTemplate() {
        folder = ProjectTemplate.write(temp.resolve("demo"), "demo", "demo");
    }

    private static List<JsonNode> docs(String type) throws IOException {
        JsonNode body = new ObjectMapper().readTree(folder.resolve("test_data.json").toFile());
        List<JsonNode> docs = new ArrayList<>();
        body.get("docs").forEach(doc -> {
            if (doc.path("type").asText().equals(type)) {
                docs.add(doc);
            }
        });
        return docs;
    }

    @Test
    void test_data_is_a_bulk_docs_body_of_records_and_tasks() throws IOException {
        JsonNode body = new ObjectMapper().readTree(folder.resolve("test_data.json").toFile());

        assertThat(body.fieldNames()).toIterable().containsExactly("docs");
        assertThat(body.get("docs")).allSatisfy(doc -> assertThat(doc.path("type").asText()).isIn("record", "task"));
        assertThat(docs("record")).extracting(doc -> doc.get("_id").asText()).containsExactly("r123", "r124");
    }

    @Test
    void test_data_tasks_name_only_example_tasks_or_named_commands_of_existing_records() throws IOException {
        Set<String> records = new HashSet<>();
        docs("record").forEach(record -> records.add(record.get("_id").asText()));
        var commands = dirt.config.SettingsLoader.load(folder, java.util.Map.of("HOME", temp.toString())).commands();

        assertThat(docs("task")).isNotEmpty().allSatisfy(task -> {
            if (task.has("command")) {
                assertThat(commands.named()).containsKey(task.path("command").asText());
            } else {
                assertThat(task.path("name").asText()).isIn(EXAMPLE_TASKS);
            }
            assertThat(task.path("record_id").asText()).isIn(records);
            assertThat(task.path("created").canConvertToLong()).isTrue();
        });
        assertThat(docs("task")).extracting(task -> task.path("name").asText()).containsAll(EXAMPLE_TASKS);
    }

    @Test
    void test_data_ids_are_unique() throws IOException {
        JsonNode body = new ObjectMapper().readTree(folder.resolve("test_data.json").toFile());
        List<String> ids = new ArrayList<>();
        body.get("docs").forEach(doc -> ids.add(doc.get("_id").asText()));

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void test_data_has_the_seed_kwargs_requires_and_platform() throws IOException {
        List<JsonNode> tasks = docs("task");

        assertThat(tasks).anySatisfy(task -> assertThat(task.path("kwargs").toString())
                .isEqualTo("{\"foo\":42,\"bar\":\"baz\"}"));
        assertThat(tasks).anySatisfy(task -> assertThat(task.path("requires").toString())
                .isEqualTo("[\"PATH in environ\"]"));
        assertThat(tasks).anySatisfy(task -> assertThat(task.path("platform").asText()).isEqualTo("linux"));
    }

    @Test
    void settings_use_exactly_the_settings_schema() throws IOException {
        JsonNode settings = new TomlMapper().readTree(folder.resolve("settings.toml").toFile());

        assertThat(keys(settings, "")).containsExactlyInAnyOrder(
                "project.name",
                "couch.url", "couch.database", "couch.connect_timeout", "couch.request_timeout",
                "ssh.config", "ssh.known_hosts", "ssh.use_agent", "ssh.connect_timeout",
                "ssh.strict_host_key_checking", "ssh.remote_cache",
                "nodes.environ_values", "nodes.task_environment",
                "commands.free_form", "commands.named.disk_free", "commands.named.disk_report",
                "commands.named.has_report",
                "serve.balancer", "serve.task_timeout", "serve.max_results_bytes", "serve.quarantine_failures",
                "serve.quarantine_window", "serve.reprobe_every", "serve.min_free_disk_bytes",
                "web.listen",
                "notify.on", "notify.nospam", "notify.record_summary", "notify.console",
                "schedule[].name", "schedule[].crontime", "schedule[].description", "schedule[].overlap",
                "schedule[].missed", "schedule[].enabled", "schedule[].task[].name", "schedule[].task[].kwargs.foo",
                "schedule[].task[].kwargs.bar");
        assertThat(settings.at("/project/name").asText()).isEqualTo("demo");
        assertThat(settings.at("/couch/database").asText()).isEqualTo("demo");
        assertThat(settings.at("/serve/max_results_bytes").asLong()).isEqualTo(1_048_576L);
        assertThat(settings.at("/commands/free_form").asBoolean(true)).as("no command line runs as written").isFalse();
    }

    @Test
    void the_example_nightly_schedule_is_valid_runs_the_example_tasks_and_is_switched_off() {
        var settings = dirt.config.SettingsLoader.load(folder, java.util.Map.of("HOME", temp.toString()));

        assertThat(settings.schedules()).hasSize(1);
        var nightly = settings.schedules().get(0);
        assertThat(nightly.name()).isEqualTo("nightly");
        assertThat(nightly.trigger().describe()).isEqualTo("0 2 * * *");
        assertThat(nightly.enabled()).as("a new project must not start work on its own").isFalse();
        assertThat(nightly.tasks()).extracting(task -> task.string("name").orElse("")).isSubsetOf(EXAMPLE_TASKS);
    }

    @Test
    void commented_out_settings_are_valid_once_uncommented() throws IOException {
        String uncommented = java.nio.file.Files.readString(folder.resolve("settings.toml"))
                .replaceAll("(?m)^# ((user|password|identities|timezone) = .*)$", "$1")
                .replaceAll("(?m)^# (\\[notify\\.email]|\\[\\[notify\\.webhook]]|\\[\\[notify\\.rule]]|"
                        + "(site_url|smtp_host|smtp_port|security|user|password|from|to|url|secret|task|on) = .*)$",
                        "$1");

        JsonNode settings = new TomlMapper().readTree(uncommented);

        assertThat(keys(settings, "")).contains(
                "couch.user", "couch.password", "ssh.identities", "schedule[].timezone",
                "notify.email.smtp_host", "notify.email.smtp_port", "notify.email.security", "notify.email.user",
                "notify.email.password", "notify.email.from", "notify.email.to",
                "notify.webhook[].url", "notify.webhook[].secret", "notify.site_url", "notify.rule[].task",
                "notify.rule[].on");
    }

    private static Set<String> keys(JsonNode node, String prefix) {
        Set<String> keys = new TreeSet<>();
        node.fields().forEachRemaining(field -> {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                keys.addAll(keys(value, key + "."));
            } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                value.forEach(table -> keys.addAll(keys(table, key + "[].")));
            } else {
                keys.add(key);
            }
        });
        return keys;
    }
}
