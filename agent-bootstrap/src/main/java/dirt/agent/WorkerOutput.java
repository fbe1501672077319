package dirt.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A worker JVM's standard output (or error), read on a thread of its own and cut into the output of each task: what
 * comes after {@link #begin} goes into the task's file ({@link OutputFile}) until the task's end mark, which the worker
 * writes after the task. The mark starts with a NUL byte that occurs nowhere else in it, so a partial match never
 * hides the start of another. What the JVM printed before its first task (a note about {@code JAVA_TOOL_OPTIONS}, say)
 * starts each task's file, as it would in a JVM of the task's own; what comes between tasks is dropped.
 */
final class WorkerOutput implements Runnable {
    static final int PREAMBLE_LIMIT = 16 * 1024;

    private final InputStream in;
    private final Consumer<String> log;
    private final ByteArrayOutputStream preamble = new ByteArrayOutputStream();
    private boolean begun;
    private Segment segment;

    WorkerOutput(InputStream in, Consumer<String> log) {
        this.in = in;
        this.log = log;
    }

    /** Starts reading on a daemon thread named after {@code what}, e.g. {@code stdout of worker 1234}. */
    WorkerOutput start(String what) {
        Thread thread = new Thread(this, "dirt-capture " + what);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** One task's part of the output. */
    static final class Segment {
        private final OutputFile file;
        private final byte[] mark;
        private final CompletableFuture<Boolean> ended = new CompletableFuture<>();
        private int matched;

        private Segment(OutputFile file, byte[] mark) {
            this.file = file;
            this.mark = mark;
        }

        /** Completes when the part ended: true at the end mark, false at the end of the output or when abandoned. */
        CompletableFuture<Boolean> ended() {
            return ended;
        }

        boolean truncated() {
            return file.truncated();
        }

        long total() {
            return file.total();
        }

        /** Takes {@code n} bytes; returns how many of them came before and with the end mark, or -1 without it. */
        private int take(byte[] buffer, int n) throws IOException {
            int plain = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == mark[matched]) {
                    if (matched == 0) {
                        file.write(buffer, plain, i - plain);
                    }
                    plain = i + 1;
                    if (++matched == mark.length) {
                        return i + 1;
                    }
                } else if (matched > 0) {
                    file.write(mark, 0, matched);
                    matched = 0;
                    plain = i;
                    i--;
                }
            }
            if (matched == 0) {
                file.write(buffer, plain, n - plain);
            }
            return -1;
        }

        private void end(boolean atMark) {
            try {
                if (!atMark && matched > 0) {
                    file.write(mark, 0, matched);
                }
                file.close();
            } catch (IOException e) {
                // the task's file is incomplete; its run folder is going
            }
            ended.complete(atMark);
        }
    }

    /**
     * Sends what comes next into {@code file} (at most {@code limit} bytes kept) until {@code mark}.
     *
     * @throws IOException when the file cannot be created
     */
    synchronized Segment begin(Path file, long limit, byte[] mark) throws IOException {
        Segment next = new Segment(new OutputFile(file, limit), mark);
        begun = true;
        byte[] before = preamble.toByteArray();
        next.file.write(before, 0, before.length);
        segment = next;
        return next;
    }

    /** Ends the current part where the output is now, without its end mark; what comes after it is dropped. */
    synchronized void abandon(Segment part) {
        if (segment == part) {
            segment = null;
            part.end(false);
        }
    }

    @Override
    public void run() {
        byte[] buffer = new byte[65536];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                take(buffer, n);
            }
        } catch (IOException e) {
            // the worker is gone
        } finally {
            synchronized (this) {
                if (segment != null) {
                    segment.end(false);
                    segment = null;
                }
            }
        }
    }

    private synchronized void take(byte[] buffer, int n) {
        if (segment == null) {
            if (!begun && preamble.size() + n <= PREAMBLE_LIMIT) {
                preamble.write(buffer, 0, n);
            }
            return;
        }
        try {
            if (segment.take(buffer, n) >= 0) {
                segment.end(true);
                segment = null;
            }
        } catch (IOException e) {
            log.accept("capturing a Java task's output failed: " + e);
            segment.end(false);
            segment = null;
        }
    }
}
