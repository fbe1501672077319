package dirt.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a running task knows: its kwargs, its ids, a work folder of its own and a log.
 *
 * <p>Kwargs come from the task document's {@code "kwargs"} object and hold JSON values: String, Number, Boolean,
 * List, Map and null. The typed getters throw a {@link KwargException} naming the kwarg when it is missing or of
 * another type, so a task can simply write {@code int count = context.getInt("count");}.
 *
 * <p>dirt builds the context when it runs a task. To run a task in a unit test, build one yourself:
 *
 * <pre>{@code
 * TaskContext context = TaskContext.builder("examples.arguments")
 *         .kwarg("foo", 42)
 *         .workDir(tempDir)
 *         .build();
 * Result result = new Arguments().run(context);
 * }</pre>
 */
public final class TaskContext {
    private final String taskId;
    private final String taskName;
    private final String recordId;
    private final Map<String, Object> kwargs;
    private final Path workDir;
    private final Consumer<String> log;

    private TaskContext(Builder builder) {
        this.taskId = builder.taskId;
        this.taskName = builder.taskName;
        this.recordId = builder.recordId;
        this.kwargs = JsonValues.copyMap(builder.kwargs, "kwargs");
        this.workDir = requireNonNull(builder.workDir,
                "workDir is not set — call workDir(Path), e.g. with a JUnit @TempDir folder");
        this.log = builder.log == null ? System.err::println : builder.log;
    }

    /** Starts a context for the task named {@code taskName}, e.g. {@code "examples.simple"}. */
    public static Builder builder(String taskName) {
        return new Builder(taskName);
    }

    /** The task document's id. */
    public String taskId() {
        return taskId;
    }

    /** The task document's {@code name}, e.g. {@code "examples.simple"}. */
    public String taskName() {
        return taskName;
    }

    /** The id of the record this task belongs to, e.g. a commit hash. */
    public String recordId() {
        return recordId;
    }

    /** A folder for this run only, empty when the task starts. Write files to attach here. */
    public Path workDir() {
        return workDir;
    }

    /** All kwargs, unmodifiable, in document order. */
    public Map<String, Object> kwargs() {
        return kwargs;
    }

    /** Whether the kwarg {@code name} is present (even with the value null). */
    public boolean has(String name) {
        return kwargs.containsKey(name);
    }

    /** Writes a line to the task's log. */
    public void log(String message) {
        log.accept(message);
    }

    /** The string kwarg {@code name}. */
    public String getString(String name) {
        return as(name, String.class, "a string");
    }

    /** The string kwarg {@code name}, or {@code defaultValue} when it is missing or null. */
    public String getString(String name, String defaultValue) {
        return isAbsent(name) ? defaultValue : getString(name);
    }

    /** The kwarg {@code name} as an int; it must be a whole number within int's range. */
    public int getInt(String name) {
        try {
            return exact(name, "an integer").intValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(name, "an integer", kwargs.get(name));
        }
    }

    /** The int kwarg {@code name}, or {@code defaultValue} when it is missing or null. */
    public int getInt(String name, int defaultValue) {
        return isAbsent(name) ? defaultValue : getInt(name);
    }

    /** The kwarg {@code name} as a long; it must be a whole number within long's range. */
    public long getLong(String name) {
        try {
            return exact(name, "an integer").longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(name, "an integer", kwargs.get(name));
        }
    }

    /** The long kwarg {@code name}, or {@code defaultValue} when it is missing or null. */
    public long getLong(String name, long defaultValue) {
        return isAbsent(name) ? defaultValue : getLong(name);
    }

    /** The number kwarg {@code name} as a double. */
    public double getDouble(String name) {
        return as(name, Number.class, "a number").doubleValue();
    }

    /** The number kwarg {@code name} as a double, or {@code defaultValue} when it is missing or null. */
    public double getDouble(String name, double defaultValue) {
        return isAbsent(name) ? defaultValue : getDouble(name);
    }

    /** The boolean kwarg {@code name}. */
    public boolean getBoolean(String name) {
        return as(name, Boolean.class, "a boolean");
    }

    /** The boolean kwarg {@code name}, or {@code defaultValue} when it is missing or null. */
    public boolean getBoolean(String name, boolean defaultValue) {
        return isAbsent(name) ? defaultValue : getBoolean(name);
    }

    /** The list kwarg {@code name}, unmodifiable. */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String name) {
        return as(name, List.class, "a list");
    }

    /** The object kwarg {@code name}, unmodifiable. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String name) {
        return as(name, Map.class, "an object");
    }

    @Override
    public String toString() {
        return "TaskContext[taskId=" + taskId + ", taskName=" + taskName + ", recordId=" + recordId
                + ", kwargs=" + kwargs + ", workDir=" + workDir + "]";
    }

    private boolean isAbsent(String name) {
        return kwargs.get(name) == null;
    }

    private <T> T as(String name, Class<T> type, String expected) {
        if (!kwargs.containsKey(name)) {
            throw new KwargException(name, String.format(
                    "kwarg \"%s\" is missing — add it to the task document's \"kwargs\", e.g. \"kwargs\": {\"%s\": …}"
                            + " (kwargs present: %s)",
                    name, name, kwargs.keySet()));
        }
        Object value = kwargs.get(name);
        if (!type.isInstance(value)) {
            throw wrongType(name, expected, value);
        }
        return type.cast(value);
    }

    private BigDecimal exact(String name, String expected) {
        Number number = as(name, Number.class, expected);
        return new BigDecimal(number.toString());
    }

    private static KwargException wrongType(String name, String expected, Object value) {
        return new KwargException(name, String.format(
                "kwarg \"%s\" must be %s but is %s (%s) — fix \"kwargs\" in the task document",
                name, expected, JsonValues.describe(value), preview(value)));
    }

    private static String preview(Object value) {
        String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** Builds a {@link TaskContext}; only the task name and the work folder are required. */
    public static final class Builder {
        private final String taskName;
        private String taskId = "local";
        private String recordId = "local";
        private final Map<String, Object> kwargs = new LinkedHashMap<>();
        private Path workDir;
        private Consumer<String> log;

        private Builder(String taskName) {
            this.taskName = requireNonBlank(taskName, "taskName");
        }

        /** The task document's id; {@code "local"} by default. */
        public Builder taskId(String taskId) {
            this.taskId = requireNonBlank(taskId, "taskId");
            return this;
        }

        /** The record's id; {@code "local"} by default. */
        public Builder recordId(String recordId) {
            this.recordId = requireNonBlank(recordId, "recordId");
            return this;
        }

        /** Adds all {@code kwargs}; values must be JSON values. */
        public Builder kwargs(Map<String, ?> kwargs) {
            this.kwargs.putAll(JsonValues.copyMap(requireNonNull(kwargs, "kwargs is null"), "kwargs"));
            return this;
        }

        /** Adds one kwarg; {@code value} must be a JSON value. */
        public Builder kwarg(String name, Object value) {
            requireNonNull(name, "kwarg name is null");
            kwargs.put(name, JsonValues.copy(value, "kwarg \"" + name + "\""));
            return this;
        }

        /** The task's own work folder. Required. */
        public Builder workDir(Path workDir) {
            this.workDir = requireNonNull(workDir, "workDir is null");
            return this;
        }

        /** Where {@link TaskContext#log(String)} lines go; standard error by default. */
        public Builder log(Consumer<String> log) {
            this.log = requireNonNull(log, "log is null");
            return this;
        }

        public TaskContext build() {
            return new TaskContext(this);
        }

        private static String requireNonBlank(String value, String what) {
            requireNonNull(value, what + " is null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " is blank");
            }
            return value;
        }
    }
}
