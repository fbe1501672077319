package dirt.store.couch;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Receives the body of a continuous changes feed from the HTTP client as byte chunks, splits it into lines itself, in
 * time linear in the bytes however long a line is (the JDK's line subscriber spent over 11 s of CPU on one line of
 * 10 MB without finishing it), and queues each line that is not blank as UTF-8 bytes, with {@link #END} or the
 * failure last.
 * The time of the last bytes received tells a slow connection from a silent one.
 *
 * <p>It asks for the next chunk only while fewer than {@link #WINDOW} lines wait for the reader, so that a reader
 * slower than the feed (serve taking in 100,000 tasks) leaves the rest in the connection instead of in memory. A line
 * longer than its limit is not kept: the reader gets an {@link OverlongLine} with the line's first bytes instead.
 */
final class FeedLines implements Flow.Subscriber<List<ByteBuffer>> {
    static final Object END = new Object();
    static final int WINDOW = 1_000;
    private static final int INITIAL_CAPACITY = 8 * 1024;

    private final int maxLine;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** The line being received; touched only by the HTTP client, which calls {@link #onNext} one at a time. */
    private byte[] line = new byte[INITIAL_CAPACITY];
    private int kept;
    private long length;
    private volatile long lastBytesNanos = System.nanoTime();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    /** Lines queued and not taken yet, and whether a chunk is wanted once fewer wait; guarded by {@code this}. */
    private int queued;
    private boolean paused;

    /** Lines of up to {@code maxLine} bytes are kept whole. */
    FeedLines(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        lastBytesNanos = System.nanoTime();
        for (ByteBuffer chunk : chunks) {
            split(chunk);
        }
        boolean more;
        synchronized (this) {
            more = queued < WINDOW;
            paused = !more;
        }
        if (more) {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        queue.add(failure);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** The next line ({@code byte[]} or {@link OverlongLine}), END or failure, or null when none is queued. */
    Object next() {
        return taken(queue.poll());
    }

    /**
     * The next line, END or failure, waiting while bytes keep coming: null once no byte came for {@code silentMillis},
     * counted from this call or the last bytes, whichever is later.
     */
    Object next(long silentMillis) throws InterruptedException {
        long called = System.nanoTime();
        long silentNanos = TimeUnit.MILLISECONDS.toNanos(silentMillis);
        while (true) {
            long last = lastBytesNanos;
            long from = last - called > 0 ? last : called;
            long left = silentNanos - (System.nanoTime() - from);
            if (left <= 0) {
                return null;
            }
            Object item = queue.poll(left, TimeUnit.NANOSECONDS);
            if (item != null) {
                return taken(item);
            }
        }
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        queue.add(END);
    }

    private Object taken(Object item) {
        if (item instanceof byte[] || item instanceof OverlongLine) {
            boolean resume;
            synchronized (this) {
                queued--;
                resume = paused && queued < WINDOW;
                paused = paused && !resume;
            }
            if (resume && !cancelled) {
                subscription.request(1);
            }
        }
        return item;
    }

    private void split(ByteBuffer chunk) {
        while (chunk.hasRemaining()) {
            int end = chunk.position();
            while (end < chunk.limit() && chunk.get(end) != '\n') {
                end++;
            }
            append(chunk, end - chunk.position());
            if (end < chunk.limit()) {
                chunk.get();
                lineEnded();
            }
        }
    }

    /**
     * Takes {@code count} bytes of the current line from {@code chunk}: all while the line fits its limit, then only
     * the first {@link OverlongLine#HEAD}.
     */
    private void append(ByteBuffer chunk, int count) {
        length += count;
        int limit = length > maxLine ? Math.min(maxLine, OverlongLine.HEAD) : maxLine;
        if (line.length > limit) {
            line = Arrays.copyOf(line, limit);
            kept = Math.min(kept, limit);
        }
        int taken = Math.min(count, limit - kept);
        if (kept + taken > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(limit, Math.max(kept + taken, 2L * line.length)));
        }
        chunk.get(line, kept, taken);
        kept += taken;
        chunk.position(chunk.position() + count - taken);
    }

    private void lineEnded() {
        int size = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
        if (length > maxLine) {
            enqueue(new OverlongLine(Arrays.copyOf(line, size), length));
        } else if (!blank(line, size)) {
            enqueue(Arrays.copyOf(line, size));
        }
        if (line.length > INITIAL_CAPACITY) {
            line = new byte[INITIAL_CAPACITY];
        }
        kept = 0;
        length = 0;
    }

    /** Whether the first {@code size} bytes are all spaces or tabs (a heartbeat is an empty line). */
    private static boolean blank(byte[] bytes, int size) {
        for (int i = 0; i < size; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private void enqueue(Object item) {
        synchronized (this) {
            queued++;
        }
        queue.add(item);
    }
}
