package dirt.transport;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonArray;
import dirt.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A task for the agent's {@code run} op: either a Java task ({@code jar}: the task jar's name in the node's cache, as
 * shipped with {@link AgentClient#ensureFile}; {@code libs}: more jars there) or a shell {@code command}, with the
 * task's ids, its document's {@code name}, its kwargs and how long it may run.
 *
 * @param taskId the task document's id, e.g. {@code compile_hello-r123}; {@code cancel} finds the run by it
 * @param recordId the record's id, e.g. {@code r123}
 * @param name the task document's {@code name}: the task class for a Java task, a label for a command
 * @param jar the task jar in the node's cache, e.g. {@code tasks-<sha256>.jar}; empty for a command
 * @param kwargs the task's kwargs
 * @param command the shell command of a command task; empty for a Java task
 * @param timeout how long the task may run; the agent kills it then and reports {@code timed_out}
 * @param libs jars in the node's cache that a Java task needs besides its task jar
 * @param environment the names of the agent's environment variables the task gets besides dirt's {@code DIRT_*}
 *     ({@code [nodes] task_environment}); empty for the agent's default list
 * @param check a command task's check, run before and after the command (the recheck decides)
 */
public record RunRequest(String taskId, String recordId, String name, Optional<String> jar, JsonObject kwargs,
        Optional<String> command, Duration timeout, List<String> libs, Optional<List<String>> environment,
        Optional<String> check) {
    public RunRequest {
        requireNonBlank(taskId, "taskId");
        requireNonBlank(recordId, "recordId");
        requireNonBlank(name, "name");
        requireNonNull(jar, "jar is null");
        requireNonNull(command, "command is null");
        if (jar.isPresent() == command.isPresent()) {
            throw new IllegalArgumentException(String.format("task \"%s\" needs either a jar (a Java task) or a command,"
                    + " %s", taskId, jar.isPresent() ? "not both" : "got neither"));
        }
        requireNonNull(kwargs, "kwargs is null");
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        libs = List.copyOf(libs);
        if (!libs.isEmpty() && command.isPresent()) {
            throw new IllegalArgumentException("task \"" + taskId + "\" is a command: it takes no libs");
        }
        environment = requireNonNull(environment, "environment is null").map(List::copyOf);
        requireNonNull(check, "check is null");
        if (check.isPresent() && command.isEmpty()) {
            throw new IllegalArgumentException("task \"" + taskId + "\" is a Java task: its check is a method");
        }
    }

    /** A request with the agent's default task environment. */
    public RunRequest(String taskId, String recordId, String name, Optional<String> jar, JsonObject kwargs,
            Optional<String> command, Duration timeout, List<String> libs) {
        this(taskId, recordId, name, jar, kwargs, command, timeout, libs, Optional.empty(), Optional.empty());
    }

    /** This request with the task getting the agent's variables {@code names} (and {@code DIRT_*}). */
    public RunRequest withEnvironment(List<String> names) {
        return new RunRequest(taskId, recordId, name, jar, kwargs, command, timeout, libs, Optional.of(names), check);
    }

    /** This request with {@code check}, the shell line that says whether a command task's work is already done. */
    public RunRequest withCheck(Optional<String> line) {
        return new RunRequest(taskId, recordId, name, jar, kwargs, command, timeout, libs, environment, line);
    }

    /** A request without libs. */
    public RunRequest(String taskId, String recordId, String name, Optional<String> jar, JsonObject kwargs,
            Optional<String> command, Duration timeout) {
        this(taskId, recordId, name, jar, kwargs, command, timeout, List.of());
    }

    /** The {@code run} request's fields (without the id). */
    JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder().put("op", "run").put("task_id", taskId)
                .put("record_id", recordId).put("name", name);
        jar.ifPresent(value -> json.put("jar", value));
        command.ifPresent(value -> json.put("command", value));
        check.ifPresent(value -> json.put("check", value));
        if (!libs.isEmpty()) {
            json.put("libs", JsonArray.ofStrings(libs));
        }
        json.put("kwargs", kwargs);
        json.put("timeout_seconds", BigDecimal.valueOf(timeout.toNanos() / 1e9));
        environment.ifPresent(names -> json.put("environment", JsonArray.ofStrings(names)));
        return json.build();
    }

    private static void requireNonBlank(String value, String what) {
        requireNonNull(value, what + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }
}
