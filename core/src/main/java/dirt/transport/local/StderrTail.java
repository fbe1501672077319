package dirt.transport.local;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a process wrote to stderr, for error messages. Thread-safe. */
final class StderrTail {
    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();

    StderrTail(int maxLines) {
        this.maxLines = maxLines;
    }

    synchronized void add(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The lines kept, oldest first, each ending in a newline; empty if there were none. */
    synchronized String text() {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
