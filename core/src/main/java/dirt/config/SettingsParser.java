package dirt.config;

import dirt.json.JsonObject;
import dirt.schedule.Schedule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link Settings} from a parsed settings file. A value with a problem is recorded and replaced by a valid
 * placeholder so that parsing goes on; the caller throws when there are problems, so placeholders never escape.
 */
final class SettingsParser {
    /** Stands in for an invalid name or database; never escapes (see class comment). */
    private static final String PLACEHOLDER_NAME = "invalid";

    private final Path projectDir;
    private final Path home;

    SettingsParser(Path projectDir, Path home) {
        this.projectDir = projectDir;
        this.home = home;
    }

    Settings parse(JsonObject json, TomlTable.Problems problems) {
        TomlTable root = TomlTable.root(json, problems);
        TomlTable projectTable = root.table("project");
        String name = projectName(projectTable);
        CommandSettings commands = commands(root.table("commands"));
        List<Schedule> schedules = ScheduleTables.parse(root.tableArray("schedule"));
        schedules.forEach(schedule -> checkCommands(schedule, commands, problems));
        Settings settings = new Settings(new ProjectSettings(name), couch(root.table("couch"), name, projectTable),
                ssh(root.table("ssh")), serve(root.table("serve")), notify(root.table("notify")), schedules,
                web(root.table("web")), nodes(root.table("nodes")), commands, retention(root.table("retention")));
        root.finish();
        return settings;
    }

    private String projectName(TomlTable table) {
        Optional<String> name = table.string("name");
        if (name.isEmpty() && !table.has("name")) {
            table.problem("name", "missing — every project needs a name, e.g. name = \"demo\"");
        } else if (name.isPresent() && name.get().isBlank()) {
            table.problem("name", "is blank — every project needs a name, e.g. name = \"demo\"");
            return PLACEHOLDER_NAME;
        }
        return name.orElse(PLACEHOLDER_NAME);
    }

    private CouchSettings couch(TomlTable table, String projectName, TomlTable projectTable) {
        URI url = table.httpUrl("url").orElse(CouchSettings.DEFAULT_URL);
        Optional<String> database = table.string("database");
        String checked = database.orElse(projectName);
        Optional<String> problem = ConfigValues.problemWithDatabaseName(checked);
        if (problem.isPresent() && database.isPresent()) {
            table.problem("database", problem.get());
        } else if (problem.isPresent() && !projectName.equals(PLACEHOLDER_NAME)) {
            projectTable.problem("name", "cannot be the default database name: " + problem.get()
                    + ", or set [couch] database");
        }
        return new CouchSettings(url, problem.isPresent() ? PLACEHOLDER_NAME : checked, table.optionalString("user"),
                table.optionalString("password"),
                table.duration("connect_timeout").orElse(CouchSettings.DEFAULT_CONNECT_TIMEOUT),
                table.duration("request_timeout").orElse(CouchSettings.DEFAULT_REQUEST_TIMEOUT),
                table.path("release", home, projectDir));
    }

    private SshSettings ssh(TomlTable table) {
        Path config = table.path("config", home, projectDir)
                .orElse(ConfigValues.path(SshSettings.DEFAULT_CONFIG, home, projectDir));
        Path knownHosts = table.path("known_hosts", home, projectDir)
                .orElse(ConfigValues.path(SshSettings.DEFAULT_KNOWN_HOSTS, home, projectDir));
        List<Path> identities = new ArrayList<>();
        table.strings("identities").orElse(List.of())
                .forEach(identity -> identities.add(ConfigValues.path(identity, home, projectDir)));
        boolean useAgent = table.bool("use_agent").orElse(SshSettings.DEFAULT_USE_AGENT);
        Duration connectTimeout = table.duration("connect_timeout").orElse(SshSettings.DEFAULT_CONNECT_TIMEOUT);
        boolean strict = table.bool("strict_host_key_checking").orElse(SshSettings.DEFAULT_STRICT_HOST_KEY_CHECKING);
        Optional<String> remoteCache = table.string("remote_cache");
        if (remoteCache.isPresent() && remoteCache.get().isBlank()) {
            table.problem("remote_cache", "expected a folder on the nodes like \"" + SshSettings.DEFAULT_REMOTE_CACHE
                    + "\", got \"" + remoteCache.get() + "\"");
            remoteCache = Optional.empty();
        }
        return new SshSettings(config, knownHosts, identities, useAgent, connectTimeout, strict,
                remoteCache.orElse(SshSettings.DEFAULT_REMOTE_CACHE));
    }

    private ServeSettings serve(TomlTable table) {
        return new ServeSettings(table.choice("balancer", BalancerKind.class).orElse(ServeSettings.DEFAULT_BALANCER),
                table.duration("task_timeout").orElse(ServeSettings.DEFAULT_TASK_TIMEOUT),
                table.integer("max_results_bytes", 1, Long.MAX_VALUE).orElse(ServeSettings.DEFAULT_MAX_RESULTS_BYTES),
                table.integer("tries", 1, 100).orElse((long) ServeSettings.DEFAULT_TRIES).intValue(),
                table.duration("retry_delay").orElse(ServeSettings.DEFAULT_RETRY_DELAY),
                table.integer("max_lost", 0, 100).orElse((long) ServeSettings.DEFAULT_MAX_LOST).intValue(),
                table.duration("record_wait").orElse(ServeSettings.DEFAULT_RECORD_WAIT), health(table),
                metrics(table));
    }

    private static Optional<ListenAddress> metrics(TomlTable table) {
        Optional<String> address = table.string("metrics");
        try {
            int port = ServeSettings.EXAMPLE_METRICS_PORT;
            return address.map(text -> ListenAddress.parse(text, "\"127.0.0.1:" + port + "\" (this machine only),"
                    + " \"0.0.0.0:" + port + "\" or \"[::1]:" + port + "\""));
        } catch (IllegalArgumentException e) {
            table.problem("metrics", e.getMessage() + " — or leave it out to serve no metrics");
            return Optional.empty();
        }
    }

    private static NodeHealthSettings health(TomlTable table) {
        return new NodeHealthSettings(
                table.integer("quarantine_failures", 0, 1000)
                        .orElse((long) NodeHealthSettings.DEFAULT_QUARANTINE_FAILURES).intValue(),
                table.duration("quarantine_window").orElse(NodeHealthSettings.DEFAULT_QUARANTINE_WINDOW),
                table.duration("reprobe_every").orElse(NodeHealthSettings.DEFAULT_REPROBE_EVERY),
                table.integer("min_free_disk_bytes", 0, Long.MAX_VALUE)
                        .orElse(NodeHealthSettings.DEFAULT_MIN_FREE_DISK));
    }

    /** Empty when the section is not written: then nothing is pruned. */
    private static Optional<RetentionSettings> retention(TomlTable table) {
        RetentionSettings settings = new RetentionSettings(
                days(table, "keep_records", RetentionSettings.DEFAULT_KEEP_RECORDS),
                table.integer("keep_last_runs", 1, 100_000).orElse((long) RetentionSettings.DEFAULT_KEEP_LAST_RUNS)
                        .intValue(),
                days(table, "keep_failed", RetentionSettings.DEFAULT_KEEP_FAILED),
                days(table, "keep_passed_files", RetentionSettings.DEFAULT_KEEP_PASSED_FILES),
                table.bool("daily").orElse(RetentionSettings.DEFAULT_DAILY));
        return table.present() ? Optional.of(settings) : Optional.empty();
    }

    /** A retention period: a duration like {@code "90d"}, at least one hour (a shorter one is surely a mistake). */
    private static Duration days(TomlTable table, String key, Duration fallback) {
        Optional<Duration> value = table.duration(key);
        if (value.isPresent() && value.get().compareTo(Duration.ofHours(1)) < 0) {
            table.problem(key, "expected at least an hour, like \"" + fallback.toDays() + "d\", got "
                    + value.get().toSeconds() + " s");
            return fallback;
        }
        return value.orElse(fallback);
    }

    private static WebSettings web(TomlTable table) {
        Optional<String> listen = table.string("listen");
        try {
            return listen.map(WebSettings::parse).orElse(WebSettings.defaults());
        } catch (IllegalArgumentException e) {
            table.problem("listen", e.getMessage());
            return WebSettings.defaults();
        }
    }

    private static CommandSettings commands(TomlTable table) {
        boolean freeForm = table.bool("free_form").orElse(CommandSettings.DEFAULT_FREE_FORM);
        TomlTable namedTable = table.table("named");
        Map<String, String> named = new LinkedHashMap<>();
        for (String name : namedTable.keys()) {
            Optional<String> line = namedTable.string(name);
            Optional<String> problem = line.flatMap(l -> CommandSettings.problemWithEntry(name, l));
            problem.ifPresent(p -> namedTable.problem(name, p + " — write it as name = \"command line\", e.g."
                    + " disk_free = \"df -h {kwargs.path}\""));
            if (line.isPresent() && problem.isEmpty()) {
                named.put(name, line.get());
            }
        }
        return new CommandSettings(freeForm, named);
    }

    /** A schedule whose task runs a command the project does not allow would fail every run: say so now. */
    private static void checkCommands(Schedule schedule, CommandSettings commands, TomlTable.Problems problems) {
        for (JsonObject task : schedule.tasks()) {
            commands.refusal(task).ifPresent(reason -> problems.add("[[schedule]] " + schedule.name() + " task "
                    + task.string("name").orElse(""), reason));
        }
    }

    private static NodeSettings nodes(TomlTable table) {
        return new NodeSettings(environNames(table, "environ_values", NodeSettings.DEFAULT_ENVIRON_VALUES),
                environNames(table, "task_environment", NodeSettings.DEFAULT_TASK_ENVIRONMENT));
    }

    private static List<String> environNames(TomlTable table, String key, List<String> defaults) {
        List<String> names = new ArrayList<>();
        for (String name : table.strings(key).orElse(defaults)) {
            NodeSettings.problemWithName(name).ifPresentOrElse(problem -> table.problem(key, problem),
                    () -> names.add(name));
        }
        return names;
    }

    private NotifySettings notify(TomlTable table) {
        Set<NotifyEvent> on = table.choices("on", NotifyEvent.class).orElse(NotifySettings.DEFAULT_ON);
        boolean nospam = table.bool("nospam").orElse(NotifySettings.DEFAULT_NOSPAM);
        boolean recordSummary = table.bool("record_summary").orElse(NotifySettings.DEFAULT_RECORD_SUMMARY);
        Optional<URI> siteUrl = table.httpUrl("site_url");
        Optional<EmailSettings> email = email(table.table("email"));
        List<WebhookSettings> webhooks = table.tableArray("webhook").stream().flatMap(t -> webhook(t).stream()).toList();
        boolean console = table.bool("console").orElse(NotifySettings.DEFAULT_CONSOLE);
        List<NotifyRule> rules = table.tableArray("rule").stream().flatMap(t -> rule(t, on).stream()).toList();
        return new NotifySettings(on, nospam, recordSummary, siteUrl, email, webhooks, console, rules);
    }

    private Optional<EmailSettings> email(TomlTable table) {
        String host = table.string("smtp_host").orElse(EmailSettings.DEFAULT_SMTP_HOST);
        Optional<Long> port = table.integer("smtp_port", 1, 65535);
        Optional<SmtpSecurity> security = table.choice("security", SmtpSecurity.class);
        int smtpPort = port.map(Long::intValue).orElseGet(() -> EmailSettings.defaultPort(
                security.orElse(EmailSettings.DEFAULT_SECURITY)));
        String from = table.string("from").orElse(EmailSettings.DEFAULT_FROM);
        checkAddress(table, "from", from);
        List<String> to = table.strings("to").orElse(List.of());
        for (int i = 0; i < to.size(); i++) {
            checkAddress(table, "to[" + i + "]", to.get(i));
        }
        if (table.present() && to.isEmpty()) {
            table.problem("to", "is empty — list who gets the emails, e.g. to = [\"you@example.org\"]");
        }
        EmailSettings email = new EmailSettings(host, smtpPort,
                security.orElseGet(() -> EmailSettings.defaultSecurity(smtpPort)), table.optionalString("user"),
                table.optionalString("password"), from, to);
        return table.present() ? Optional.of(email) : Optional.empty();
    }

    private static void checkAddress(TomlTable table, String key, String address) {
        if (!address.contains("@") || address.codePoints().anyMatch(Character::isWhitespace)) {
            table.problem(key, "expected an email address like \"you@example.org\", got \"" + address + "\"");
        }
    }

    private static Optional<WebhookSettings> webhook(TomlTable table) {
        Optional<URI> url = table.requiredHttpUrl("url", "set it to the URL notifications are posted to");
        Optional<String> secret = table.optionalString("secret");
        return url.map(u -> new WebhookSettings(u, secret));
    }

    private static Optional<NotifyRule> rule(TomlTable table, Set<NotifyEvent> defaultOn) {
        Optional<String> task = table.string("task");
        if (!table.has("task") || task.filter(String::isBlank).isPresent()) {
            table.problem("task", "missing — set it to a task name or a glob such as \"compile_*\"");
            task = Optional.empty();
        }
        Set<NotifyEvent> on = table.choices("on", NotifyEvent.class).orElse(defaultOn);
        return task.map(t -> new NotifyRule(t, on));
    }
}
