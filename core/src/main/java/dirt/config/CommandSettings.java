package dirt.config;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonNumber;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code [commands]}: which shell commands a task document may run. A task's {@code command} names one of
 * {@code named} ({@code [commands.named]}, name to command line), and the line runs with each {@code {kwargs.KEY}}
 * replaced by the task's kwargs value, quoted for the shell. Any other command line runs only with
 * {@code free_form = true}: whoever may post a task then runs any shell line on every node. Off by default.
 */
public record CommandSettings(boolean freeForm, Map<String, String> named) {
    public static final boolean DEFAULT_FREE_FORM = false;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{kwargs\\.([A-Za-z0-9_-]+)}");
    /** What a placeholder was meant to be: a brace, then kwarg or kwargs, up to the next closing brace or space. */
    private static final Pattern NEAR_PLACEHOLDER = Pattern.compile("\\{\\s*kwargs?\\b[^}\\s]*}?");

    public CommandSettings {
        named = Map.copyOf(new LinkedHashMap<>(requireNonNull(named, "named is null")));
        named.forEach((name, line) -> problemWithEntry(name, line).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        }));
    }

    public static CommandSettings defaults() {
        return new CommandSettings(DEFAULT_FREE_FORM, Map.of());
    }

    /**
     * The shell line a task with {@code command} and {@code kwargs} runs.
     *
     * @throws CommandRefusedException saying which setting would allow it, when the project does not run it
     */
    public String line(String command, JsonObject kwargs) {
        requireNonNull(command, "command is null");
        requireNonNull(kwargs, "kwargs is null");
        String line = named.get(command);
        if (line == null) {
            if (freeForm) {
                return command;
            }
            throw new CommandRefusedException(String.format("command \"%s\" is not allowed: this project runs only"
                    + " the commands named in settings.toml [commands.named] (%s) — name it there, e.g. my_command ="
                    + " \"%s\", and post \"command\": \"my_command\"; or run any command line with [commands]"
                    + " free_form = true (whoever may post a task then runs shell on every node)",
                    command, named.isEmpty() ? "none" : String.join(", ", named.keySet().stream().sorted().toList()),
                    command.replace("\\", "\\\\").replace("\"", "\\\"")));
        }
        Matcher placeholder = PLACEHOLDER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String key = placeholder.group(1);
            Json value = kwargs.get(key).orElse(null);
            if (value == null || value == JsonNull.NULL || value instanceof JsonObject || value instanceof JsonArray) {
                throw new CommandRefusedException(String.format("command \"%s\" needs kwargs.%s, a string, number or"
                        + " boolean (settings.toml [commands.named] %s = \"%s\"), got %s — add it to the task's kwargs",
                        command, key, command, line, value == null ? "none" : value.toString()));
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(quoted(text(value))));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    /**
     * A scalar kwargs value as the command line gets it: a string as it is, {@code true}/{@code false}, a whole number
     * in digits, any other number as the nearest {@code double} prints ({@code 1.5}, {@code 1000.0}).
     */
    private static String text(Json value) {
        if (value instanceof JsonString string) {
            return string.value();
        } else if (value instanceof JsonNumber number) {
            return number.isIntegral() ? number.value().toPlainString() : Double.toString(number.doubleValue());
        }
        return value.toString();
    }

    /** Why {@code command} may not run with {@code kwargs} in this project; empty when it may ({@link #line}). */
    public Optional<String> refusal(String command, JsonObject kwargs) {
        try {
            line(command, kwargs);
            return Optional.empty();
        } catch (CommandRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@link #refusal(String, Optional)} for a task document's {@code command} and {@code check}. */
    public Optional<String> refusal(JsonObject task) {
        JsonObject kwargs = task.object("kwargs").orElse(JsonObject.EMPTY);
        for (String field : new String[] {"command", "check"}) {
            Optional<String> refused = task.string(field).flatMap(line -> refusal(line, kwargs));
            if (refused.isPresent()) {
                return field.equals("command") ? refused : Optional.of("check: " + refused.get());
            }
        }
        return Optional.empty();
    }

    /** {@code text} as one shell word: in single quotes, each {@code '} written as {@code '\''}. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    static Optional<String> problemWithEntry(String name, String line) {
        if (name.isEmpty() || name.codePoints().anyMatch(Character::isWhitespace)) {
            return Optional.of("a command's name is one word, got \"" + name + "\"");
        }
        if (line.isBlank()) {
            return Optional.of("command " + name + " has an empty command line");
        }
        Matcher near = NEAR_PLACEHOLDER.matcher(line);
        while (near.find()) {
            if (!PLACEHOLDER.matcher(near.group()).matches()) {
                return Optional.of(String.format("command %s has a placeholder it cannot fill: %s (placeholders are"
                        + " {kwargs.KEY}, KEY of letters, digits, _ and -)", name, near.group()));
            }
        }
        return Optional.empty();
    }
}
