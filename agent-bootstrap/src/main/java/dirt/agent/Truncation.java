package dirt.agent;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts what is too long to send: keeps the first and the last bytes (half of the limit each) and puts a marker line
 * between them, e.g. {@code [dirt: truncated: 104857600 bytes in all, the first 16777152 and the last 16777152
 * kept]}.
 */
final class Truncation {
    /** Room left for the marker within a limit: the marker is never longer. */
    static final int MARKER_RESERVE = 128;

    private Truncation() {}

    /** The marker line, with a line end before and after it. */
    static byte[] marker(long total, long head, long tail) {
        return String.format("\n[dirt: truncated: %d bytes in all, the first %d and the last %d kept]\n", total, head,
                tail).getBytes(US_ASCII);
    }

    /** {@code data} if it fits {@code limit}, else its head, the marker and its tail, together at most the limit. */
    static byte[] cut(byte[] data, long limit) {
        if (data.length <= limit) {
            return data;
        }
        long kept = Math.max(0, limit - MARKER_RESERVE);
        int head = (int) (kept / 2);
        int tail = (int) (kept - head);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, Integer.MAX_VALUE - 8));
        out.write(data, 0, head);
        out.writeBytes(marker(data.length, head, tail));
        out.write(data, data.length - tail, tail);
        return out.toByteArray();
    }

    /**
     * The bytes of {@code file} if it fits {@code limit}, else its head, the marker and its tail (reading only those).
     * The file's size is taken once: a file that grows meanwhile is read up to that size.
     */
    static byte[] read(Path file, long limit) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            if (size <= limit) {
                byte[] all = new byte[(int) size];
                int read = readFully(in, all, 0, all.length);
                return read == all.length ? all : Arrays.copyOf(all, read);
            }
            long kept = Math.max(0, limit - MARKER_RESERVE);
            int head = (int) (kept / 2);
            int tail = (int) (kept - head);
            byte[] marker = marker(size, head, tail);
            byte[] cut = new byte[head + marker.length + tail];
            readFully(in, cut, 0, head);
            System.arraycopy(marker, 0, cut, head, marker.length);
            in.seek(size - tail);
            readFully(in, cut, head + marker.length, tail);
            return cut;
        }
    }

    private static int readFully(RandomAccessFile in, byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
