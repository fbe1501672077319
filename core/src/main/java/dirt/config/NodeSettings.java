package dirt.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code [nodes]}: which of a node's environment variables are shown and passed on. A node's facts keep the name of
 * every variable in the agent's environment (requirements such as {@code G4INSTALL in environ} test names), but a
 * value only for the names in {@code environValues}; a task starts with a clean environment plus the variables of
 * {@code taskEnvironment} that the agent has, and dirt's own {@code DIRT_*} variables. The local agent
 * ({@code updatenodes --local}, the quickstart's node) starts with a clean environment plus the names of both lists,
 * so none of dirt's own environment (such as {@code DIRT_COUCH_PASSWORD}) reaches it.
 */
public record NodeSettings(List<String> environValues, List<String> taskEnvironment) {
    /** Names whose values a node's facts show: none of them usually holds a secret. */
    public static final List<String> DEFAULT_ENVIRON_VALUES = List.of("PATH", "JAVA_HOME", "HOME", "SHELL", "LANG",
            "LC_ALL", "TZ", "USER", "LOGNAME");
    /** Names a task gets from the agent's environment, beside dirt's {@code DIRT_*}. */
    public static final List<String> DEFAULT_TASK_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ",
            "USER", "LOGNAME", "SHELL", "JAVA_HOME", "TMPDIR");

    public NodeSettings {
        environValues = names(environValues, "environValues");
        taskEnvironment = names(taskEnvironment, "taskEnvironment");
    }

    public static NodeSettings defaults() {
        return new NodeSettings(DEFAULT_ENVIRON_VALUES, DEFAULT_TASK_ENVIRONMENT);
    }

    /** The names the local agent's environment keeps: those of both lists, in order, without repeats. */
    public List<String> localAgentEnvironment() {
        return Stream.concat(environValues.stream(), taskEnvironment.stream()).distinct().toList();
    }

    /**
     * What is wrong with {@code name} as an environment variable's name, if anything: it must be non-empty and hold
     * no {@code =}, no NUL and no white space.
     */
    static Optional<String> problemWithName(String name) {
        if (name.isEmpty() || name.contains("=") || name.contains("\0")
                || name.codePoints().anyMatch(Character::isWhitespace)) {
            return Optional.of("expected an environment variable's name like \"JAVA_HOME\", got \"" + name + "\"");
        }
        return Optional.empty();
    }

    private static List<String> names(List<String> names, String what) {
        List<String> copy = List.copyOf(requireNonNull(names, what + " is null"));
        for (String name : copy) {
            problemWithName(name).ifPresent(problem -> {
                throw new IllegalArgumentException(what + ": " + problem);
            });
        }
        return copy;
    }
}
