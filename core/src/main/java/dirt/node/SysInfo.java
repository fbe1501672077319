package dirt.node;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts probed on a node, stored as the node document's {@code sys_info} object: {@code cpu_count},
 * {@code platform}, {@code architecture}, {@code environ} (map of every variable's name to its value, or to
 * {@code null} when {@code [nodes] environ_values} does not list it), {@code path} (list), {@code version_info},
 * {@code hostname}, {@code fqdn}, {@code ip} and whatever else the probe reports. Requirements are matched against
 * these facts by key. Typed accessors read as empty when a fact is absent or has the wrong type.
 */
public record SysInfo(JsonObject facts) {
    public static final String CPU_COUNT = "cpu_count";
    public static final String PLATFORM = "platform";
    public static final String ARCHITECTURE = "architecture";
    public static final String ENVIRON = "environ";
    public static final String PATH = "path";
    public static final String VERSION_INFO = "version_info";
    public static final String HOSTNAME = "hostname";
    public static final String FQDN = "fqdn";
    public static final String IP = "ip";

    public SysInfo {
        requireNonNull(facts, "facts is null");
    }

    /**
     * The words that make a variable's name look secret, in any case: {@code DEPLOY_TOKEN}, {@code DB_PASS},
     * {@code AWS_SECRET_ACCESS_KEY}. The agent keeps the same list ({@code dirt.agent.Facts}); a test holds them equal.
     */
    public static final List<String> SECRET_WORDS = List.of("TOKEN", "SECRET", "PASS", "PWD", "KEY", "AUTH",
            "CREDENTIAL", "PRIVATE", "SESSION", "COOKIE");
    /** A URL with a password in it ({@code postgres://ci:hunter2@db/app}), whatever the variable's name. */
    private static final java.util.regex.Pattern URL_WITH_PASSWORD =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@.*");

    /**
     * Whether a variable's name looks like it holds a secret ({@link #SECRET_WORDS}): its value is never stored, even
     * when {@code [nodes] environ_values} lists it.
     */
    public static boolean looksSecret(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    /** Whether a variable's value must not be stored: its name looks secret, or it is a URL with a password. */
    public static boolean hidden(String name, Json value) {
        return looksSecret(name)
                || value instanceof JsonString text && URL_WITH_PASSWORD.matcher(text.value()).matches();
    }

    /** These facts with the value of every {@link #hidden} variable in {@code environ} replaced by {@code null}. */
    public SysInfo withoutSecretValues() {
        Optional<JsonObject> environ = facts.object(ENVIRON);
        if (environ.isEmpty()) {
            return this;
        }
        JsonObject.Builder names = environ.get().toBuilder();
        environ.get().fields().forEach((name, value) -> {
            if (value != JsonNull.NULL && hidden(name, value)) {
                names.put(name, JsonNull.NULL);
            }
        });
        return new SysInfo(facts.with(ENVIRON, names.build()));
    }

    /** No facts: a node that was never probed. */
    public static SysInfo empty() {
        return new SysInfo(JsonObject.EMPTY);
    }

    /** One fact by key, as JSON; empty when absent or null. */
    public Optional<Json> value(String key) {
        return facts.get(key).filter(value -> value != JsonNull.NULL);
    }

    /** The number of CPUs, when it is a whole number of at least 1. */
    public OptionalInt cpuCount() {
        Optional<Integer> count = facts.number(CPU_COUNT).flatMap(SysInfo::exactInt);
        return count.filter(value -> value >= 1).map(OptionalInt::of).orElseGet(OptionalInt::empty);
    }

    private static Optional<Integer> exactInt(JsonNumber number) {
        try {
            return Optional.of(number.value().intValueExact());
        } catch (ArithmeticException notAnInt) {
            return Optional.empty();
        }
    }

    /** E.g. {@code x86_64}. */
    public Optional<String> architecture() {
        return text(ARCHITECTURE);
    }

    /** Short host name, e.g. {@code node1}. */
    public Optional<String> hostname() {
        return text(HOSTNAME);
    }

    /** Long platform description, e.g. {@code Linux-6.1.0-x86_64-with-glibc2.36}. */
    public Optional<String> platform() {
        return text(PLATFORM);
    }

    /** Fully-qualified domain name, e.g. {@code node1.site.org}. */
    public Optional<String> fqdn() {
        return text(FQDN);
    }

    /**
     * The node's environment variables whose values the probe showed ({@code [nodes] environ_values}); a variable
     * stored by name only (its value {@code null}, as for every secret) is left out: see {@link #environNames()}.
     */
    public Map<String, String> environ() {
        Map<String, String> environ = new LinkedHashMap<>();
        facts.object(ENVIRON).ifPresent(names -> names.fields().forEach((name, value) -> {
            if (value instanceof JsonString text) {
                environ.put(name, text.value());
            }
        }));
        return Collections.unmodifiableMap(environ);
    }

    /**
     * The names of all the node's environment variables, whether or not the probe showed their values: what {@code
     * NAME in environ} tests.
     */
    public Set<String> environNames() {
        Set<String> names = new TreeSet<>();
        facts.object(ENVIRON).ifPresent(environ -> names.addAll(environ.fields().keySet()));
        return Collections.unmodifiableSet(names);
    }

    /** The directories of the node's {@code PATH}, in order. */
    public List<String> path() {
        List<String> path = new ArrayList<>();
        facts.array(PATH).ifPresent(elements -> elements.forEach(element -> {
            if (element instanceof JsonString text) {
                path.add(text.value());
            }
        }));
        return List.copyOf(path);
    }

    private Optional<String> text(String key) {
        return facts.string(key);
    }
}
