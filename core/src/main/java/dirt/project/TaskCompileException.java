package dirt.project;

import dirt.DirtException;
import java.util.List;

/**
 * A project's tasks do not compile. The message lists every error as javac does,
 * {@code tasks/examples/Simple.java:12: error: ';' expected}, with paths relative to the project folder.
 */
public final class TaskCompileException extends DirtException {
    private final List<String> diagnostics;

    TaskCompileException(Project project, List<String> diagnostics) {
        super(String.format(
                "tasks do not compile: project=\"%s\" errors=%d — fix the files below and run again:%n%s",
                project.dir(), diagnostics.size(), String.join(System.lineSeparator(), diagnostics)));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Each error, e.g. {@code tasks/examples/Simple.java:12: error: ';' expected}. */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
