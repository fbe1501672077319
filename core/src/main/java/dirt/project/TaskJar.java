package dirt.project;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A project's compiled tasks.
 *
 * @param jar the jar, {@code .dirt/build/tasks-<hash>.jar}
 * @param hash the SHA-256 (hex) of the task sources, the lib jars and the task API the jar was compiled against
 * @param libs the jars the tasks need at run time besides the task API: {@code tasks/lib/*.jar}
 * @param taskNames the names of the tasks in the jar, e.g. {@code examples.simple}, sorted
 */
public record TaskJar(Path jar, String hash, List<Path> libs, List<String> taskNames) {
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public TaskJar {
        requireNonNull(jar, "jar is null");
        requireNonNull(hash, "hash is null");
        if (!SHA_256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash=\"" + hash + "\" is not a SHA-256 in lowercase hex");
        }
        libs = List.copyOf(libs);
        taskNames = List.copyOf(taskNames);
    }
}
