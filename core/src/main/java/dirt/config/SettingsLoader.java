package dirt.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonBoolean;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.math.BigDecimal;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a project's {@code settings.toml} and applies environment overrides, reporting every problem at once in one
 * {@link ConfigException}. The environment is passed in, so tests never depend on the real one:
 * {@code SettingsLoader.load(projectDir, System.getenv())}.
 */
public final class SettingsLoader {
    /** The settings file in a project directory. */
    public static final String FILE_NAME = "settings.toml";
    /** Overrides {@code [couch] url}; the CLI's {@code --couch} overrides it in turn. */
    public static final String ENV_COUCH_URL = "DIRT_COUCH_URL";
    /** Overrides {@code [couch] user}. */
    public static final String ENV_COUCH_USER = "DIRT_COUCH_USER";
    /** Overrides {@code [couch] password}. */
    public static final String ENV_COUCH_PASSWORD = "DIRT_COUCH_PASSWORD";
    /** Overrides {@code [couch] release}, the CouchDB release that {@code dirt couch start} runs. */
    public static final String ENV_COUCHDB_HOME = "DIRT_COUCHDB_HOME";
    /** Overrides {@code [ssh] config}. */
    public static final String ENV_SSH_CONFIG = "DIRT_SSH_CONFIG";
    /** Overrides {@code [notify.email] password}. */
    public static final String ENV_SMTP_PASSWORD = "DIRT_SMTP_PASSWORD";
    /** Where a leading {@code ~/} in paths points; {@code user.home} when unset. */
    public static final String ENV_HOME = "HOME";

    private static final TomlMapper TOML = new TomlMapper();

    private SettingsLoader() {
    }

    /**
     * Loads {@code projectDir/settings.toml}, then applies the environment overrides in {@code env}.
     *
     * @throws ConfigException when the file is missing or unreadable, or listing every problem in it
     */
    public static Settings load(Path projectDir, Map<String, String> env) {
        requireNonNull(projectDir, "projectDir is null");
        requireNonNull(env, "env is null");
        Path file = projectDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("no settings file: path=\"" + file.toAbsolutePath()
                    + "\" — run 'dirt create NAME' to start a project, or pass --project DIR to use an existing one");
        } catch (IOException e) {
            throw new ConfigException("cannot read settings: path=\"" + file.toAbsolutePath() + "\" cause=\""
                    + e.getMessage() + "\" — check that the file is readable", e);
        }
        return parse(text, projectDir, env);
    }

    /**
     * Parses the text of a settings file of the project in {@code projectDir} (relative paths in it are resolved
     * against {@code projectDir}), then applies the environment overrides in {@code env}. Reads no file.
     *
     * @throws ConfigException listing every problem
     */
    public static Settings parse(String toml, Path projectDir, Map<String, String> env) {
        requireNonNull(toml, "toml is null");
        requireNonNull(projectDir, "projectDir is null");
        requireNonNull(env, "env is null");
        Path file = projectDir.resolve(FILE_NAME);
        TomlTable.Problems problems = new TomlTable.Problems(FILE_NAME);
        Optional<JsonObject> json = readToml(toml, problems);
        if (json.isEmpty()) {
            throw new ConfigException(file.toAbsolutePath(), problems.lines());
        }
        Path home = home(env);
        Settings settings = new SettingsParser(projectDir, home).parse(json.get(), problems);
        TomlTable.Problems envProblems = new TomlTable.Problems("environment");
        settings = applyEnvironment(settings, env, home, envProblems);
        List<String> all = new ArrayList<>(problems.lines());
        all.addAll(envProblems.lines());
        if (!all.isEmpty()) {
            throw new ConfigException(file.toAbsolutePath(), all);
        }
        return settings;
    }

    /**
     * The default settings of a project named {@code projectName}, for commands run outside a project, with the
     * environment overrides in {@code env} applied; the same as {@link Settings#defaults(String, Map)}.
     *
     * @throws ConfigException when the name or an environment override is invalid
     */
    public static Settings defaults(String projectName, Map<String, String> env) {
        requireNonNull(env, "env is null");
        Path home = home(env);
        TomlTable.Problems envProblems = new TomlTable.Problems("environment");
        Settings settings = applyEnvironment(Settings.defaults(projectName, home), env, home, envProblems);
        if (!envProblems.lines().isEmpty()) {
            throw new ConfigException("invalid settings: " + String.join("; ", envProblems.lines()));
        }
        return settings;
    }

    /**
     * The parsed file as dirt's JSON; empty, with the syntax error recorded, when it is not valid TOML. The one place
     * the TOML library's tree is seen: it is converted here, whole.
     */
    private static Optional<JsonObject> readToml(String toml, TomlTable.Problems problems) {
        try {
            Json json = json(TOML.readTree(toml));
            return Optional.of(json instanceof JsonObject object ? object : JsonObject.EMPTY);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "syntax" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add(where, "invalid TOML: " + e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /**
     * A value of the TOML tree as dirt's JSON: tables as objects, arrays, strings (dates and times too, as the TOML
     * mapper reads them as text), integers, floats (always with a fraction, so {@code 2.0} is no integer), booleans.
     *
     * @throws IllegalArgumentException for a float JSON cannot hold ({@code nan}, {@code inf})
     */
    private static Json json(JsonNode node) {
        if (node.isObject()) {
            JsonObject.Builder table = JsonObject.builder();
            node.fields().forEachRemaining(field -> table.put(field.getKey(), json(field.getValue())));
            return table.build();
        } else if (node.isArray()) {
            List<Json> values = new ArrayList<>();
            node.forEach(value -> values.add(json(value)));
            return new JsonArray(values);
        } else if (node.isIntegralNumber()) {
            return JsonNumber.of(new BigDecimal(node.bigIntegerValue()));
        } else if (node.isNumber()) {
            return JsonNumber.of(floating(node));
        } else if (node.isBoolean()) {
            return JsonBoolean.of(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            return JsonNull.NULL;
        }
        return new JsonString(node.asText());
    }

    private static BigDecimal floating(JsonNode number) {
        if (number.isBigDecimal()) {
            return number.decimalValue();
        }
        double value = number.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a JSON number: value=\"" + value + "\"");
        }
        BigDecimal decimal = BigDecimal.valueOf(value);
        return decimal.scale() == 0 ? decimal.setScale(1) : decimal;
    }

    private static Settings applyEnvironment(Settings settings, Map<String, String> env, Path home,
            TomlTable.Problems problems) {
        CouchSettings couch = settings.couch();
        Optional<String> url = variable(env, ENV_COUCH_URL);
        if (url.isPresent()) {
            Optional<URI> uri = ConfigValues.httpUrl(url.get());
            if (uri.isEmpty()) {
                problems.add(ENV_COUCH_URL, "expected an http(s) URL like " + ConfigValues.URL_EXAMPLE + ", got \""
                        + url.get() + "\"");
            }
            couch = uri.map(couch::withUrl).orElse(couch);
        }
        couch = variable(env, ENV_COUCH_USER).map(couch::withUser).orElse(couch);
        couch = variable(env, ENV_COUCH_PASSWORD).map(couch::withPassword).orElse(couch);
        couch = variable(env, ENV_COUCHDB_HOME).filter(dir -> !dir.isBlank())
                .map(dir -> ConfigValues.path(dir, home, Path.of(""))).map(couch::withRelease).orElse(couch);
        SshSettings ssh = variable(env, ENV_SSH_CONFIG)
                .map(path -> settings.ssh().withConfig(ConfigValues.path(path, home, Path.of(""))))
                .orElse(settings.ssh());
        NotifySettings notifications = settings.notifications();
        Optional<String> smtpPassword = variable(env, ENV_SMTP_PASSWORD);
        if (smtpPassword.isPresent() && notifications.email().isPresent()) {
            notifications = notifications.withEmail(notifications.email().map(e -> e.withPassword(smtpPassword.get())));
        }
        return settings.withCouch(couch).withSsh(ssh).withNotifications(notifications);
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isEmpty());
    }

    private static Path home(Map<String, String> env) {
        return Path.of(variable(env, ENV_HOME).orElseGet(() -> System.getProperty("user.home")));
    }
}
