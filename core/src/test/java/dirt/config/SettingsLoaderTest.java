package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    private static final Path PROJECT = Path.of("/work/demo");
    private static final Path HOME = Path.of("/home/ann");
    private static final Map<String, String> ENV = Map.of("HOME", "/home/ann");
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    private static Settings parse(String toml) {
        return SettingsLoader.parse(toml, PROJECT, ENV);
    }

    private static List<String> problems(String toml) {
        try {
            parse(toml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void minimal_file_gives_the_defaults_for_the_project() {
        assertThat(parse(MINIMAL)).isEqualTo(Settings.defaults("demo", HOME));
    }

    @Test
    void defaults_use_the_documented_values() {
        Settings settings = Settings.defaults("demo", HOME);

        assertThat(settings.couch().url()).isEqualTo(URI.create("http://127.0.0.1:5984"));
        assertThat(settings.couch().database()).isEqualTo("demo");
        assertThat(settings.couch().user()).isEmpty();
        assertThat(settings.couch().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.couch().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.ssh().config()).isEqualTo(Path.of("/home/ann/.ssh/config"));
        assertThat(settings.ssh().knownHosts()).isEqualTo(Path.of("/home/ann/.ssh/known_hosts"));
        assertThat(settings.ssh().identities()).isEmpty();
        assertThat(settings.ssh().useAgent()).isTrue();
        assertThat(settings.ssh().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.ssh().strictHostKeyChecking()).isTrue();
        assertThat(settings.ssh().remoteCache()).isEqualTo("~/.cache/dirt");
        assertThat(settings.serve()).isEqualTo(ServeSettings.defaults());
        assertThat(settings.notifications().on()).containsExactlyInAnyOrder(NotifyEvent.FAILURE, NotifyEvent.RECOVERY,
                NotifyEvent.NODE);
        assertThat(settings.notifications().nospam()).isTrue();
        assertThat(settings.notifications().recordSummary()).isFalse();
        assertThat(settings.notifications().email()).isEmpty();
        assertThat(settings.notifications().webhooks()).isEmpty();
        assertThat(settings.notifications().console()).isFalse();
    }

    @Test
    void full_file_sets_every_value() {
        Settings settings = parse("""
                [project]
                name = "demo"

                [couch]
                url = "https://couch.example.org:6984"
                database = "demo_ci"
                user = "admin"
                password = "secret"
                connect_timeout = "2s"
                request_timeout = "1m"

                [ssh]
                config = "~/ssh/config"
                known_hosts = "/etc/ssh/known_hosts"
                identities = ["~/.ssh/id_ed25519", "keys/ci"]
                use_agent = false
                connect_timeout = "500ms"
                strict_host_key_checking = false
                remote_cache = "/var/cache/dirt"

                [serve]
                balancer = "load"
                task_timeout = "2d"
                max_results_bytes = 4096
                tries = 3
                retry_delay = "2m"
                max_lost = 1
                record_wait = "10s"
                quarantine_failures = 5
                quarantine_window = "30m"
                reprobe_every = "6h"
                min_free_disk_bytes = 2048

                [notify]
                on = ["failure", "recovery", "completion", "node"]
                nospam = false
                record_summary = true
                site_url = "https://ci.example.org/"
                console = true

                [notify.email]
                smtp_host = "smtp.example.org"
                smtp_port = 587
                security = "starttls"
                user = "ci"
                password = "mail-secret"
                from = "ci@example.org"
                to = ["you@example.org", "them@example.org"]

                [[notify.webhook]]
                url = "https://example.org/hook"
                secret = "s3"

                [[notify.webhook]]
                url = "https://example.org/other"

                [[notify.rule]]
                task = "compile_*"
                on = ["failure"]
                """);

        assertThat(settings.project().name()).isEqualTo("demo");
        assertThat(settings.couch()).isEqualTo(new CouchSettings(URI.create("https://couch.example.org:6984"), "demo_ci",
                Optional.of("admin"), Optional.of("secret"), Duration.ofSeconds(2), Duration.ofMinutes(1)));
        assertThat(settings.ssh()).isEqualTo(new SshSettings(Path.of("/home/ann/ssh/config"),
                Path.of("/etc/ssh/known_hosts"), List.of(Path.of("/home/ann/.ssh/id_ed25519"), Path.of("/work/demo/keys/ci")),
                false, Duration.ofMillis(500), false, "/var/cache/dirt"));
        assertThat(settings.serve()).isEqualTo(new ServeSettings(BalancerKind.LOAD, Duration.ofDays(2), 4096, 3, Duration.ofMinutes(2), 1,
                Duration.ofSeconds(10), new NodeHealthSettings(5, Duration.ofMinutes(30), Duration.ofHours(6), 2048),
                Optional.empty()));
        NotifySettings notify = settings.notifications();
        assertThat(notify.on()).containsExactlyInAnyOrder(NotifyEvent.values());
        assertThat(notify.nospam()).isFalse();
        assertThat(notify.recordSummary()).isTrue();
        assertThat(notify.siteUrl()).contains(URI.create("https://ci.example.org/"));
        assertThat(notify.console()).isTrue();
        assertThat(notify.email()).contains(new EmailSettings("smtp.example.org", 587, SmtpSecurity.STARTTLS,
                Optional.of("ci"), Optional.of("mail-secret"), "ci@example.org",
                List.of("you@example.org", "them@example.org")));
        assertThat(notify.webhooks()).containsExactly(
                new WebhookSettings(URI.create("https://example.org/hook"), Optional.of("s3")),
                new WebhookSettings(URI.create("https://example.org/other"), Optional.empty()));
        assertThat(notify.rules()).containsExactly(new NotifyRule("compile_*", Set.of(NotifyEvent.FAILURE)));
    }

    @Test
    void a_free_disk_setting_of_a_pebibyte_is_read_as_it_is_written() {
        assertThat(parse(MINIMAL + "[serve]\nmin_free_disk_bytes = 1125899906842624\n").serve().health().minFreeDisk())
                .isEqualTo(1L << 50);
    }

    @Test
    void unknown_key_suggests_the_closest_known_key() {
        assertThat(problems(MINIMAL + "[couch]\ndatabse = \"demo\"\n")).containsExactly(
                "settings.toml: [couch] databse: unknown key, did you mean \"database\"?");
    }

    @Test
    void unknown_key_far_from_any_known_key_lists_the_known_keys() {
        assertThat(problems(MINIMAL + "[serve]\nworkers = 4\n")).containsExactly(
                "settings.toml: [serve] workers: unknown key — known keys: balancer, task_timeout, max_results_bytes, tries, retry_delay, max_lost, record_wait, quarantine_failures, quarantine_window, reprobe_every, min_free_disk_bytes, metrics");
    }

    @Test
    void unknown_section_suggests_the_closest_known_section() {
        assertThat(problems(MINIMAL + "[couchdb]\nurl = \"http://x:5984\"\n")).containsExactly(
                "settings.toml: [couchdb]: unknown section, did you mean \"couch\"?");
    }

    @Test
    void misspelled_sub_table_is_an_unknown_key_of_its_section() {
        assertThat(problems(MINIMAL + "[notify.emial]\nto = [\"a@b.org\"]\n")).containsExactly(
                "settings.toml: [notify] emial: unknown key, did you mean \"email\"?");
    }

    @Test
    void every_problem_is_reported_at_once_in_one_message() {
        String toml = """
                [couch]
                url = "localhost:5984"
                databse = "demo"
                connect_timeout = 5

                [ssh]
                use_agent = "yes"

                [serve]
                balancer = "random"
                max_results_bytes = "1MB"
                """;

        assertThatThrownBy(() -> parse(toml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        invalid settings: path="/work/demo/settings.toml" problems=7 — fix them and run again:
                          settings.toml: [project] name: missing — every project needs a name, e.g. name = "demo"
                          settings.toml: [couch] url: expected an http(s) URL like "http://127.0.0.1:5984", got \
                        "localhost:5984"
                          settings.toml: [couch] connect_timeout: expected a duration like "500ms", "5s", "10m", \
                        "1h", "2d" or "PT5S", got 5
                          settings.toml: [ssh] use_agent: expected a boolean (true or false), got "yes"
                          settings.toml: [serve] balancer: expected one of "round_robin", "load", got "random"
                          settings.toml: [serve] max_results_bytes: expected an integer, got "1MB"
                          settings.toml: [couch] databse: unknown key, did you mean "database"?""");
    }

    @Test
    void bad_duration_names_the_accepted_forms() {
        assertThat(problems(MINIMAL + "[serve]\ntask_timeout = \"1 hour\"\n")).containsExactly(
                "settings.toml: [serve] task_timeout: expected a duration like \"500ms\", \"5s\", \"10m\", \"1h\", "
                        + "\"2d\" or \"PT5S\", got \"1 hour\"");
    }

    @Test
    void zero_duration_is_rejected() {
        assertThat(problems(MINIMAL + "[couch]\nrequest_timeout = \"0s\"\n")).containsExactly(
                "settings.toml: [couch] request_timeout: must be a positive duration, got \"0s\"");
    }

    @Test
    void durations_accept_short_units_and_iso_8601() {
        assertThat(ConfigValues.duration("500ms")).contains(Duration.ofMillis(500));
        assertThat(ConfigValues.duration("5s")).contains(Duration.ofSeconds(5));
        assertThat(ConfigValues.duration("10m")).contains(Duration.ofMinutes(10));
        assertThat(ConfigValues.duration("1h")).contains(Duration.ofHours(1));
        assertThat(ConfigValues.duration("2d")).contains(Duration.ofDays(2));
        assertThat(ConfigValues.duration("PT5S")).contains(Duration.ofSeconds(5));
        assertThat(ConfigValues.duration("P1DT2H")).contains(Duration.ofHours(26));
        assertThat(ConfigValues.duration("5")).isEmpty();
        assertThat(ConfigValues.duration("5 s")).isEmpty();
        assertThat(ConfigValues.duration("PTxS")).isEmpty();
    }

    @Test
    void bad_enum_value_lists_the_allowed_values_and_suggests_a_close_one_if_any() {
        assertThat(problems(MINIMAL + "[notify]\non = [\"failed\"]\n[notify.email]\nsecurity = \"tls\"\n"
                + "to = [\"a@b.org\"]\n")).containsExactly(
                "settings.toml: [notify] on: expected one of \"failure\", \"recovery\", \"completion\", \"node\", got \"failed\", "
                        + "did you mean \"failure\"?",
                "settings.toml: [notify.email] security: expected one of \"none\", \"starttls\", \"ssl\", got \"tls\"");
    }

    @Test
    void wrong_type_names_the_expected_type() {
        assertThat(problems(MINIMAL + "[ssh]\nidentities = \"~/.ssh/id\"\nconfig = 3\n[notify.email]\nsmtp_port = 70000\n"
                + "to = [\"a@b.org\", 5]\n")).containsExactly(
                "settings.toml: [ssh] config: expected a string, got 3",
                "settings.toml: [ssh] identities: expected a list of strings like [\"a\", \"b\"], got \"~/.ssh/id\"",
                "settings.toml: [notify.email] smtp_port: must be between 1 and 65535, got 70000",
                "settings.toml: [notify.email] to[1]: expected a string, got 5");
    }

    @Test
    void section_that_is_not_a_table_is_reported() {
        assertThat(problems("project = \"demo\"\n")).containsExactly(
                "settings.toml: [project]: expected a table, got \"demo\"",
                "settings.toml: [project] name: missing — every project needs a name, e.g. name = \"demo\"");
    }

    @Test
    void project_name_that_cannot_name_a_database_needs_an_explicit_database() {
        assertThat(problems("[project]\nname = \"My Project\"\n")).containsExactly(
                "settings.toml: [project] name: cannot be the default database name: \"My Project\" is not a valid "
                        + "CouchDB database name — use lowercase letters, digits and any of _$()+-/, starting with a "
                        + "letter, or set [couch] database");
        assertThat(parse("[project]\nname = \"My Project\"\n[couch]\ndatabase = \"my_project\"\n").couch().database())
                .isEqualTo("my_project");
    }

    @Test
    void invalid_database_name_is_reported() {
        assertThat(problems(MINIMAL + "[couch]\ndatabase = \"Demo\"\n")).containsExactly(
                "settings.toml: [couch] database: \"Demo\" is not a valid CouchDB database name — use lowercase "
                        + "letters, digits and any of _$()+-/, starting with a letter");
    }

    @Test
    void webhook_without_url_and_rule_without_task_are_reported() {
        assertThat(problems(MINIMAL + "[[notify.webhook]]\nsecret = \"s\"\n[[notify.rule]]\non = [\"failure\"]\n"))
                .containsExactly(
                        "settings.toml: [[notify.webhook]] #1 url: missing — set it to the URL notifications are "
                                + "posted to",
                        "settings.toml: [[notify.rule]] #1 task: missing — set it to a task name or a glob such as "
                                + "\"compile_*\"");
    }

    @Test
    void webhook_written_as_a_single_table_says_how_to_write_it() {
        assertThat(problems(MINIMAL + "[notify.webhook]\nurl = \"https://example.org/hook\"\n")).containsExactly(
                "settings.toml: [notify.webhook]: expected an array of tables written as [[notify.webhook]], got a "
                        + "single table [notify.webhook]");
    }

    @Test
    void email_section_without_recipients_is_reported() {
        assertThat(problems(MINIMAL + "[notify.email]\nfrom = \"ci\"\n")).containsExactly(
                "settings.toml: [notify.email] from: expected an email address like \"you@example.org\", got \"ci\"",
                "settings.toml: [notify.email] to: is empty — list who gets the emails, e.g. to = [\"you@example.org\"]");
    }

    @Test
    void smtp_port_and_security_follow_from_each_other() {
        EmailSettings ssl = parse(MINIMAL + "[notify.email]\nsecurity = \"ssl\"\nto = [\"a@b.org\"]\n")
                .notifications().email().orElseThrow();
        EmailSettings submission = parse(MINIMAL + "[notify.email]\nsmtp_port = 587\nto = [\"a@b.org\"]\n")
                .notifications().email().orElseThrow();
        EmailSettings local = parse(MINIMAL + "[notify.email]\nto = [\"a@b.org\"]\n").notifications().email().orElseThrow();

        assertThat(ssl.smtpPort()).isEqualTo(465);
        assertThat(submission.security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(local.smtpHost()).isEqualTo("localhost");
        assertThat(local.smtpPort()).isEqualTo(25);
        assertThat(local.security()).isEqualTo(SmtpSecurity.NONE);
        assertThat(local.from()).isEqualTo("dirt@localhost");
    }

    @Test
    void rule_without_events_uses_the_section_events() {
        NotifySettings notify = parse(MINIMAL + "[notify]\non = [\"completion\"]\n[[notify.rule]]\ntask = \"lint\"\n")
                .notifications();
        assertThat(notify.rules()).containsExactly(new NotifyRule("lint", Set.of(NotifyEvent.COMPLETION)));
    }

    @Test
    void toml_syntax_error_is_reported_with_its_line() {
        List<String> problems = problems("[project]\nname = \"demo\"\nbroken = \n");
        assertThat(problems).containsExactly("settings.toml: line 3, column 10: invalid TOML: Newline not permitted here");
    }

    @Test
    void environment_overrides_the_file() {
        Map<String, String> env = Map.of("HOME", "/home/ann", "DIRT_COUCH_URL", "http://db:5984",
                "DIRT_COUCH_USER", "bob", "DIRT_COUCH_PASSWORD", "pw", "DIRT_SSH_CONFIG", "~/other/config",
                "DIRT_SMTP_PASSWORD", "smtp-pw");
        String toml = MINIMAL + "[couch]\nuser = \"admin\"\npassword = \"secret\"\n[notify.email]\nto = [\"a@b.org\"]\n";

        Settings settings = SettingsLoader.parse(toml, PROJECT, env);

        assertThat(settings.couch().url()).isEqualTo(URI.create("http://db:5984"));
        assertThat(settings.couch().user()).contains("bob");
        assertThat(settings.couch().password()).contains("pw");
        assertThat(settings.ssh().config()).isEqualTo(Path.of("/home/ann/other/config"));
        assertThat(settings.notifications().email().orElseThrow().password()).contains("smtp-pw");
    }

    @Test
    void couch_release_names_a_couchdb_release_folder_relative_to_the_project_or_home() {
        assertThat(parse(MINIMAL).couch().release()).isEmpty();
        assertThat(parse(MINIMAL + "[couch]\nrelease = \"~/couchdb-3.5.0\"\n").couch().release())
                .contains(Path.of("/home/ann/couchdb-3.5.0"));
        assertThat(parse(MINIMAL + "[couch]\nrelease = \"couchdb\"\n").couch().release())
                .contains(Path.of("/work/demo/couchdb"));
    }

    @Test
    void a_misspelt_couch_release_key_suggests_release() {
        assertThat(problems(MINIMAL + "[couch]\nreleases = \"/opt/couchdb\"\n")).containsExactly(
                "settings.toml: [couch] releases: unknown key, did you mean \"release\"?");
    }

    @Test
    void dirt_couchdb_home_overrides_the_couch_release_setting() {
        Settings settings = SettingsLoader.parse(MINIMAL + "[couch]\nrelease = \"/opt/couchdb\"\n", PROJECT,
                Map.of("HOME", "/home/ann", "DIRT_COUCHDB_HOME", "/srv/couchdb-3.5.0"));

        assertThat(settings.couch().release()).contains(Path.of("/srv/couchdb-3.5.0"));
        assertThat(Settings.defaults("demo", Map.of("DIRT_COUCHDB_HOME", "/srv/couchdb-3.5.0")).couch().release())
                .contains(Path.of("/srv/couchdb-3.5.0"));
    }

    @Test
    void empty_environment_variables_are_ignored() {
        Settings settings = SettingsLoader.parse(MINIMAL + "[couch]\nuser = \"admin\"\n", PROJECT,
                Map.of("HOME", "/home/ann", "DIRT_COUCH_USER", ""));
        assertThat(settings.couch().user()).contains("admin");
    }

    @Test
    void invalid_couch_url_in_the_environment_is_reported_with_the_file_problems() {
        assertThat(SettingsLoaderTest.problemsWith(Map.of("HOME", "/home/ann", "DIRT_COUCH_URL", "db:5984"),
                MINIMAL + "[serve]\nbalancer = \"rr\"\n")).containsExactly(
                "settings.toml: [serve] balancer: expected one of \"round_robin\", \"load\", got \"rr\"",
                "environment: DIRT_COUCH_URL: expected an http(s) URL like \"http://127.0.0.1:5984\", got \"db:5984\"");
    }

    private static List<String> problemsWith(Map<String, String> env, String toml) {
        try {
            SettingsLoader.parse(toml, PROJECT, env);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void defaults_outside_a_project_apply_the_environment() {
        Settings settings = Settings.defaults("demo", Map.of("HOME", "/home/ann", "DIRT_COUCH_USER", "bob"));
        assertThat(settings.couch().user()).contains("bob");
        assertThat(settings.ssh().config()).isEqualTo(Path.of("/home/ann/.ssh/config"));
    }

    @Test
    void defaults_outside_a_project_report_an_invalid_environment() {
        assertThatThrownBy(() -> Settings.defaults("demo", Map.of("DIRT_COUCH_URL", "db:5984")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid settings: environment: DIRT_COUCH_URL: expected an http(s) URL like "
                        + "\"http://127.0.0.1:5984\", got \"db:5984\"");
    }

    @Test
    void load_reads_the_settings_file_of_the_project(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.toml"), MINIMAL + "[ssh]\nidentities = [\"keys/ci\"]\n");

        Settings settings = SettingsLoader.load(dir, ENV);

        assertThat(settings.project().name()).isEqualTo("demo");
        assertThat(settings.ssh().identities()).containsExactly(dir.resolve("keys/ci"));
    }

    @Test
    void missing_settings_file_names_the_path_and_what_to_do(@TempDir Path dir) {
        assertThatThrownBy(() -> SettingsLoader.load(dir, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no settings file: path=\"" + dir.resolve("settings.toml").toAbsolutePath()
                        + "\" — run 'dirt create NAME' to start a project, or pass --project DIR to use an existing one");
    }
}
