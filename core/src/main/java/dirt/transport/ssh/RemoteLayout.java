package dirt.transport.ssh;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe found on the node: the cache folder (absolute), the java to run, and whether the agent jar is there.
 * {@code path} and {@code javaHome} are kept for the message when java is missing.
 */
record RemoteLayout(String cache, Optional<String> java, boolean agentPresent, String path, String javaHome) {
    RemoteLayout {
        requireNonNull(cache, "cache is null");
        requireNonNull(java, "java is null");
        requireNonNull(path, "path is null");
        requireNonNull(javaHome, "javaHome is null");
    }

    /** The probe script's {@code key=value} lines; empty when a line is missing (the script did not run through). */
    static Optional<RemoteLayout> parse(String output) {
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        if (!values.keySet().containsAll(List.of("cache", "java", "present", "path", "java_home"))
                || !values.get("cache").startsWith("/")) {
            return Optional.empty();
        }
        String java = values.get("java");
        return Optional.of(new RemoteLayout(values.get("cache"), java.isEmpty() ? Optional.empty() : Optional.of(java),
                values.get("present").equals("yes"), values.get("path"), values.get("java_home")));
    }

    String jar(String cacheName) {
        return cache + "/" + cacheName;
    }
}
