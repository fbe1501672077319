package dirt.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * How a task document's {@code name} maps to a class, and back.
 *
 * <p>All dot-separated segments but the last are the package; the last is the class, in PascalCase:
 *
 * <table>
 *   <caption>Task names and their classes</caption>
 *   <tr><th>task name</th><th>class</th><th>source file</th></tr>
 *   <tr><td>{@code examples.simple}</td><td>{@code examples.Simple}</td><td>{@code tasks/examples/Simple.java}</td></tr>
 *   <tr><td>{@code compile_hello}</td><td>{@code CompileHello}</td><td>{@code tasks/CompileHello.java}</td></tr>
 *   <tr><td>{@code examples.Simple}</td><td>{@code examples.Simple}</td><td>{@code tasks/examples/Simple.java}</td></tr>
 * </table>
 *
 * <p>A fully-qualified class name works as a task name too: it is tried as is when the PascalCase class does not
 * exist (see {@link #classNameCandidates(String)}).
 */
public final class TaskNames {
    private TaskNames() {}

    /**
     * The class a task name refers to by convention: {@code examples.simple} → {@code examples.Simple},
     * {@code compile_hello} → {@code CompileHello}.
     *
     * @throws IllegalArgumentException if the name is not dot-separated Java identifiers
     */
    public static String className(String taskName) {
        int dot = checkName(taskName).lastIndexOf('.');
        String packagePrefix = taskName.substring(0, dot + 1);
        String pascal = pascalCase(taskName.substring(dot + 1));
        if (pascal.isEmpty()) {
            throw invalid(taskName, "its last segment has no letters or digits");
        }
        return packagePrefix + pascal;
    }

    /**
     * The classes to look for, in order: the conventional {@link #className(String)}, then the name itself when it
     * differs (so that {@code examples.My_Task} finds a class spelled exactly so).
     */
    public static List<String> classNameCandidates(String taskName) {
        String conventional = className(taskName);
        return conventional.equals(taskName) ? List.of(conventional) : List.of(conventional, taskName);
    }

    /**
     * The source file of a task under the project's {@code tasks/} folder, with '/' separators:
     * {@code examples.simple} → {@code examples/Simple.java}.
     */
    public static String sourceFile(String taskName) {
        return className(taskName).replace('.', '/') + ".java";
    }

    /**
     * The task name of a class, the inverse of {@link #className(String)}: {@code examples.Simple} →
     * {@code examples.simple}, {@code CompileHello} → {@code compile_hello}. A class whose snake_case name would not
     * map back to it (e.g. {@code examples.HTTPGet}) keeps its class name, which works as a task name too.
     */
    public static String taskName(String className) {
        checkName(className);
        int dot = className.lastIndexOf('.');
        String simpleName = className.substring(dot + 1);
        String candidate = className.substring(0, dot + 1) + snakeCase(simpleName);
        return !simpleName.contains("$") && className(candidate).equals(className) ? candidate : className;
    }

    private static String pascalCase(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (String part : segment.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return out.toString();
    }

    private static String snakeCase(String simpleName) {
        StringBuilder out = new StringBuilder(simpleName.length() + 4);
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && startsWord(simpleName, i)) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        return Character.isLowerCase(previous) || Character.isDigit(previous)
                || (Character.isUpperCase(previous) && nextIsLower);
    }

    private static String checkName(String name) {
        requireNonNull(name, "task name is null");
        if (name.isEmpty()) {
            throw invalid(name, "it is empty");
        }
        for (String segment : name.split("\\.", -1)) {
            if (segment.isEmpty()) {
                throw invalid(name, "it has an empty part (a dot at either end, or two together)");
            }
            if (!isIdentifier(segment)) {
                throw invalid(name, String.format("\"%s\" is not a Java identifier", segment));
            }
        }
        return name;
    }

    private static boolean isIdentifier(String segment) {
        if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.charAt(0))) {
            return false;
        }
        for (int i = 1; i < segment.length(); i++) {
            if (!Character.isJavaIdentifierPart(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String name, String why) {
        return new IllegalArgumentException(String.format(
                "task name \"%s\" is not valid: %s — use dot-separated Java names such as \"examples.simple\" or"
                        + " \"compile_hello\"",
                name, why));
    }
}
