package dirt.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import dirt.schedule.Schedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's settings: one immutable tree loaded from {@code settings.toml} by {@link SettingsLoader}, or built
 * with {@link #defaults(String)} when there is no project. Every section has defaults (named constants on the section
 * records); only {@code [project] name} is required. The {@code [notify]} section is {@link #notifications()}
 * ({@code notify()} is taken by {@link Object#notify()}). The {@code [[schedule]]} sections are {@link #schedules()},
 * which {@code dirt serve} writes into the database as schedule documents. {@code [web]} is where {@code dirt web}
 * serves the site; {@code [nodes]} which environment variables of the nodes are shown and passed on to tasks;
 * {@code [commands]} which shell commands tasks may run; {@code [retention]}, when written, what {@code dirt prune} and
 * serve's daily run remove ({@link #retention()}: empty when the section is absent, and then nothing is pruned).
 */
public record Settings(ProjectSettings project, CouchSettings couch, SshSettings ssh, ServeSettings serve,
        NotifySettings notifications, List<Schedule> schedules, WebSettings web, NodeSettings nodes, CommandSettings commands,
        Optional<RetentionSettings> retention) {
    public Settings {
        requireNonNull(project, "project is null");
        requireNonNull(couch, "couch is null");
        requireNonNull(ssh, "ssh is null");
        requireNonNull(serve, "serve is null");
        requireNonNull(notifications, "notifications is null");
        schedules = List.copyOf(requireNonNull(schedules, "schedules is null"));
        requireNonNull(web, "web is null");
        requireNonNull(nodes, "nodes is null");
        requireNonNull(commands, "commands is null");
        requireNonNull(retention, "retention is null");
    }

    /**
     * The default settings of a project named {@code projectName}, for commands run outside a project: its database is
     * named after it, and the environment overrides in {@code env} are applied ({@code DIRT_COUCH_URL},
     * {@code DIRT_COUCH_USER}, {@code DIRT_COUCH_PASSWORD}, {@code DIRT_COUCHDB_HOME}, {@code DIRT_SSH_CONFIG};
     * {@code HOME} for {@code ~/}).
     *
     * @throws ConfigException when the name is blank or not a valid CouchDB database name, or an override is invalid
     */
    public static Settings defaults(String projectName, Map<String, String> env) {
        return SettingsLoader.defaults(projectName, env);
    }

    /**
     * The default settings of a project named {@code projectName} without environment overrides; {@code ~/} in paths
     * is the {@code user.home} of this JVM.
     *
     * @throws ConfigException when the name is blank or not a valid CouchDB database name
     */
    public static Settings defaults(String projectName) {
        return defaults(projectName, Path.of(System.getProperty("user.home")));
    }

    /** Like {@link #defaults(String)}, with {@code ~/} expanded to {@code home}. */
    static Settings defaults(String projectName, Path home) {
        requireNonNull(projectName, "projectName is null");
        requireNonNull(home, "home is null");
        if (projectName.isBlank()) {
            throw new ConfigException("project name is blank — give the project a name, e.g. 'dirt create demo'");
        }
        ConfigValues.problemWithDatabaseName(projectName).ifPresent(problem -> {
            throw new ConfigException("project name cannot be the database name: " + problem
                    + " — choose another project name, or name the database with --db NAME");
        });
        return new Settings(new ProjectSettings(projectName), CouchSettings.defaults(projectName),
                SshSettings.defaults(home), ServeSettings.defaults(), NotifySettings.defaults(), List.of(),
                WebSettings.defaults(), NodeSettings.defaults(), CommandSettings.defaults(), Optional.empty());
    }

    /**
     * These settings with another CouchDB URL, e.g. from the CLI's {@code --couch} option.
     *
     * @throws ConfigException when {@code url} is not an http(s) URL
     */
    public Settings withCouchUrl(URI url) {
        requireNonNull(url, "url is null");
        ConfigValues.problemWithHttpUrl(url).ifPresent(problem -> {
            throw new ConfigException("invalid CouchDB URL: " + problem
                    + " — pass --couch or set DIRT_COUCH_URL to the server's base URL");
        });
        return withCouch(couch.withUrl(url));
    }

    /**
     * These settings with another database name, e.g. from the CLI's {@code --db} option.
     *
     * @throws ConfigException when {@code database} is not a valid CouchDB database name
     */
    public Settings withDatabase(String database) {
        requireNonNull(database, "database is null");
        ConfigValues.problemWithDatabaseName(database).ifPresent(problem -> {
            throw new ConfigException("invalid database name: " + problem);
        });
        return withCouch(couch.withDatabase(database));
    }

    public Settings withCouch(CouchSettings couch) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    public Settings withSsh(SshSettings ssh) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    public Settings withServe(ServeSettings serve) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    public Settings withNotifications(NotifySettings notifications) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    public Settings withSchedules(List<Schedule> schedules) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    public Settings withWeb(WebSettings web) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    public Settings withNodes(NodeSettings nodes) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    /** These settings with {@code [retention]} set (or, when empty, absent). */
    public Settings withRetention(Optional<RetentionSettings> retention) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }

    /** These settings with other {@code [commands]}. */
    public Settings withCommands(CommandSettings commands) {
        return new Settings(project, couch, ssh, serve, notifications, schedules, web, nodes, commands, retention);
    }
}
