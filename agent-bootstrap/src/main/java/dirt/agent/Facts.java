package dirt.agent;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The facts a node reports about itself, which task requirements test ({@code architecture is x86_64}, {@code
 * G4INSTALL in environ}) and the scheduler reads. The original dirt's keys come first with its meanings; the key list
 * with types is in {@code PROTOCOL.md}.
 */
final class Facts {
    /**
     * The variables whose values {@code environ} shows when the request names none: those that usually hold no
     * secret. The same list is dirt's {@code [nodes] environ_values} default.
     */
    static final List<String> DEFAULT_ENVIRON_VALUES = List.of("PATH", "JAVA_HOME", "HOME", "SHELL", "LANG", "LC_ALL",
            "TZ", "USER", "LOGNAME");

    private final Clock clock;
    private final Path workDir;
    private final HostNames hostNames;
    private final Map<String, String> environment;
    private final Map<String, String> osRelease;

    /**
     * @param workDir the agent's working folder, whose free space is reported
     * @param hostNames resolves the host's names and address, bounded in time
     */
    Facts(Clock clock, Path workDir, HostNames hostNames, Map<String, String> environment,
            Map<String, String> osRelease) {
        this.clock = requireNonNull(clock, "clock is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.hostNames = requireNonNull(hostNames, "hostNames is null");
        this.environment = new TreeMap<>(environment);
        this.osRelease = Map.copyOf(osRelease);
    }

    /** The facts of this machine and JVM: the real environment, /etc/os-release, and the current folder. */
    static Facts ofThisMachine(Clock clock) {
        return new Facts(clock, Path.of("").toAbsolutePath(), new HostNames(HostNames.DEFAULT_TIMEOUT),
                System.getenv(), OsRelease.read());
    }

    /** Probes the facts now, showing the values of {@link #DEFAULT_ENVIRON_VALUES}; see {@link #probe(Collection)}. */
    Map<String, Object> probe() {
        return probe(DEFAULT_ENVIRON_VALUES);
    }

    /**
     * Probes the facts now: a JSON object as a map, keys in a stable order. {@code environ} holds the name of every
     * environment variable, with its value only when {@code environValues} names it, else {@code null}: requirements
     * test names, and a value such as a password never leaves the node.
     */
    Map<String, Object> probe(Collection<String> environValues) {
        Map<String, Object> facts = new LinkedHashMap<>();
        putOriginal(facts, Set.copyOf(environValues));
        putJava(facts);
        putResources(facts);
        putOs(facts);
        facts.put("user", System.getProperty("user.name"));
        facts.put("agent_version", Main.version());
        facts.put("probed_at", clock.instant().getEpochSecond());
        return facts;
    }

    private void putOriginal(Map<String, Object> facts, Set<String> environValues) {
        String architecture = architecture(System.getProperty("os.arch"));
        facts.put("cpu_count", Runtime.getRuntime().availableProcessors());
        facts.put("platform", platform(System.getProperty("os.name"), System.getProperty("os.version"),
                architecture, osRelease));
        facts.put("architecture", architecture);
        facts.put("environ", environ(environValues));
        facts.put("path", path(environment.getOrDefault("PATH", ""), File.pathSeparator));
        facts.put("version_info", javaVersion());
        String hostname = hostNames.hostname();
        String fqdn = hostNames.fqdn(hostname);
        facts.put("hostname", hostname);
        facts.put("fqdn", fqdn);
        facts.put("ip", hostNames.ip(fqdn));
    }

    /** The environment's names, sorted, each with its value when {@code shown} holds it, else {@code null}. */
    private Map<String, String> environ(Set<String> shown) {
        Map<String, String> environ = new TreeMap<>();
        environment.forEach((name, value) -> environ.put(name, shown.contains(name) && !looksSecret(name)
                && !URL_WITH_PASSWORD.matcher(value).matches() ? value : null));
        return environ;
    }

    /** The words that make a name look secret; dirt's {@code SysInfo.SECRET_WORDS} is the same list. */
    static final List<String> SECRET_WORDS = List.of("TOKEN", "SECRET", "PASS", "PWD", "KEY", "AUTH", "CREDENTIAL",
            "PRIVATE", "SESSION", "COOKIE");
    private static final Pattern URL_WITH_PASSWORD =
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@.*");

    /** A name with one of {@link #SECRET_WORDS} in it, any case: its value never leaves the node. */
    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    private static void putJava(Map<String, Object> facts) {
        facts.put("java_version", javaVersion());
        facts.put("java_vendor", System.getProperty("java.vendor"));
        facts.put("java_home", System.getProperty("java.home"));
    }

    private void putResources(Map<String, Object> facts) {
        facts.put("mem_total_bytes", Resources.memTotalBytes());
        double[] load = Resources.loadAverages();
        facts.put("load_average", load.length > 0 ? load[0] : null);
        if (load.length == 3) {
            facts.put("load_average_5", load[1]);
            facts.put("load_average_15", load[2]);
        }
        facts.put("disk_free_bytes", Resources.diskFreeBytes(workDir));
    }

    private void putOs(Map<String, Object> facts) {
        facts.put("os_name", osRelease.getOrDefault("NAME", System.getProperty("os.name")));
        facts.put("os_version", osRelease.getOrDefault("VERSION_ID", System.getProperty("os.version")));
        for (String key : List.of("os.name", "os.version", "os.arch")) {
            facts.put(key, System.getProperty(key));
        }
    }

    /** The running Java's version without the vendor's suffix, e.g. {@code 17.0.15+6}. */
    static String javaVersion() {
        Runtime.Version version = Runtime.version();
        StringBuilder text = new StringBuilder();
        for (Integer part : version.version()) {
            text.append(text.length() == 0 ? "" : ".").append(part);
        }
        version.pre().ifPresent(pre -> text.append('-').append(pre));
        version.build().ifPresent(build -> text.append('+').append(build));
        return text.toString();
    }

    /** The machine name as {@code uname -m} spells it, from Java's {@code os.arch}: {@code amd64} is {@code x86_64}. */
    static String architecture(String osArch) {
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64": case "x86_64": case "x64": case "em64t":
                return "x86_64";
            case "aarch64": case "arm64":
                return "aarch64";
            case "x86": case "i386": case "i486": case "i586": case "i686":
                return "i686";
            case "arm": case "arm32": case "armv7": case "armv7l": case "armhf":
                return "armv7l";
            default:
                return arch.isEmpty() ? "unknown" : arch;
        }
    }

    /**
     * A long description in the style of Python's {@code platform.platform()}, e.g. {@code
     * Linux-6.1.0-18-amd64-x86_64-with-debian-12-bookworm}: system, release, machine, and the distribution when
     * {@code /etc/os-release} names one.
     */
    static String platform(String osName, String osVersion, String architecture, Map<String, String> osRelease) {
        StringBuilder text = new StringBuilder();
        text.append(osName).append('-').append(osVersion).append('-').append(architecture);
        if (osRelease.containsKey("ID")) {
            text.append("-with-").append(osRelease.get("ID"));
            for (String key : List.of("VERSION_ID", "VERSION_CODENAME")) {
                if (!osRelease.getOrDefault(key, "").isEmpty()) {
                    text.append('-').append(osRelease.get(key));
                }
            }
        }
        String cleaned = text.toString().replaceAll("\\s+", "_").replaceAll("[/\\\\:;\"()]", "-");
        return cleaned.replaceAll("-{2,}", "-").replaceAll("-+$", "");
    }

    /** PATH split at the path separator, empty entries left out. */
    static List<String> path(String path, String separator) {
        List<String> entries = new ArrayList<>();
        for (String entry : path.split(Pattern.quote(separator))) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
