package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

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
 * hides the start of another. What the JVM printed before the worker's ready mark ({@link #READY}, written as it
 * starts: a note about {@code JAVA_TOOL_OPTIONS}, say) starts each task's file, as it would in a JVM of the task's
 * own; what comes between tasks is dropped.
 */
final class WorkerOutput implements Runnable {
    /** What a worker writes to its standard output and error as it starts, before it reads its first task. */
    static final String READY = "\0dirt-worker-ready\n";
    static final int PREAMBLE_LIMIT = 16 * 1024;

    private final InputStream in;
    private final Consumer<String> log;
    private final ByteArrayOutputStream preamble = new ByteArrayOutputStream();
    private Segment startup;
    private Segment segment;

    WorkerOutput(InputStream in, Consumer<String> log) {
        this.in = in;
        this.log = log;
        this.startup = new Segment(new OutputFile(preamble, PREAMBLE_LIMIT), READY.getBytes(UTF_8));
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

        /**
         * Takes {@code n} bytes from {@code offset}; returns the index just after the end mark when it is among them,
         * else -1.
         */
        private int take(byte[] buffer, int offset, int n) throws IOException {
            int plain = offset;
            int end = offset + n;
            for (int i = offset; i < end; i++) {
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
                file.write(buffer, plain, end - plain);
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
        if (startup == null) {
            writePreamble(next);
        }
        segment = next;
        return next;
    }

    private void writePreamble(Segment part) throws IOException {
        byte[] before = preamble.toByteArray();
        part.file.write(before, 0, before.length);
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
                if (startup != null) {
                    endStartup(false);
                }
                if (segment != null) {
                    segment.end(false);
                    segment = null;
                }
            }
        }
    }

    private synchronized void take(byte[] buffer, int n) {
        int offset = 0;
        try {
            if (startup != null) {
                offset = startup.take(buffer, 0, n);
                if (offset < 0) {
                    return;
                }
                endStartup(true);
            }
            if (segment != null && segment.take(buffer, offset, n - offset) >= 0) {
                segment.end(true);
                segment = null;
            }
        } catch (IOException e) {
            log.accept("capturing a Java task's output failed: " + e);
            if (segment != null) {
                segment.end(false);
                segment = null;
            }
        }
    }

    private void endStartup(boolean atMark) {
        startup.end(atMark);
        startup = null;
        if (segment != null) {
            try {
                writePreamble(segment);
            } catch (IOException e) {
                log.accept("capturing a Java task's output failed: " + e);
            }
        }
    }
}
