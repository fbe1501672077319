package dirt.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code run} request: the task's ids and name, and either a Java task ({@code jar}, the task jar's name in the
 * agent's folder, with {@code libs}) or a shell {@code command}; its kwargs, its timeout, and the names of the
 * agent's environment variables the task gets ({@code environment}); a command task may have a {@code check}.
 */
record RunSpec(String taskId, String recordId, String name, Optional<String> jar, List<String> libs,
        Optional<String> command, Map<String, Object> kwargs, Duration timeout, List<String> environment,
        Optional<String> check) {
    /** The timeout when the request gives none. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    /**
     * The agent's environment variables a task gets when the request names none: those a program usually needs and
     * that hold no secret. The same list is dirt's {@code [nodes] task_environment} default.
     */
    static final List<String> DEFAULT_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME",
            "SHELL", "JAVA_HOME", "TMPDIR");
    static final String ENVIRONMENT = "environment";

    RunSpec {
        requireNonNull(taskId, "taskId is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(name, "name is null");
        libs = List.copyOf(libs);
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        requireNonNull(timeout, "timeout is null");
        environment = List.copyOf(environment);
        requireNonNull(check, "check is null");
    }

    /**
     * Reads a {@code run} request.
     *
     * @throws OperationException naming what is missing or wrong
     */
    static RunSpec of(Request request) {
        String taskId = nonBlank(request, "task_id");
        String recordId = nonBlank(request, "record_id");
        String name = nonBlank(request, "name");
        Optional<String> jar = request.optionalString("jar");
        Optional<String> command = request.optionalString("command");
        if (jar.isPresent() == command.isPresent()) {
            throw new OperationException(String.format("op \"run\" task_id=\"%s\" needs either \"jar\" (the task jar"
                    + " of a Java task) or \"command\" (a shell command), %s", taskId,
                    jar.isPresent() ? "not both" : "got neither"));
        }
        Optional<String> check = request.optionalString("check");
        if (check.isPresent() && command.isEmpty()) {
            throw new OperationException(String.format("op \"run\" task_id=\"%s\": \"check\" goes with \"command\"; a"
                    + " Java task's check is its check(TaskContext) method", taskId));
        }
        double seconds = request.number("timeout_seconds", DEFAULT_TIMEOUT.toSeconds());
        if (!(seconds > 0) || seconds > Duration.ofDays(365).toSeconds()) {
            throw new OperationException(String.format("op \"run\" task_id=\"%s\": \"timeout_seconds\" must be"
                    + " positive and at most a year, got %s", taskId, seconds));
        }
        List<String> environment = request.fields().get(ENVIRONMENT) == null ? DEFAULT_ENVIRONMENT
                : request.strings(ENVIRONMENT);
        return new RunSpec(taskId, recordId, name, jar, request.strings("libs"), command, request.object("kwargs"),
                Duration.ofNanos(Math.round(seconds * 1e9)), environment, check);
    }

    private static String nonBlank(Request request, String key) {
        String value = request.string(key);
        if (value.isBlank()) {
            throw new OperationException(String.format("op \"run\": field \"%s\" is blank — set it", key));
        }
        return value;
    }

    /** The timeout as people read it: {@code 3600 s}, {@code 0.5 s}. */
    String timeoutText() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
