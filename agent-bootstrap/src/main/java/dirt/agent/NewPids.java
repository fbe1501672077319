package dirt.agent;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which processes can have been started since a moment, read from Linux's {@code /proc} without opening a file per
 * process: the kernel hands out process ids in increasing order, so everything started after a {@link Mark} has an
 * id above the last one handed out then, unless the ids wrapped around since. A wrap is ruled out from counts the
 * kernel keeps: the ids can have moved on by at most the processes and threads created since the mark plus those
 * alive at the mark (each id in use is skipped once); while that stays short of the distance to {@code pid_max},
 * they did not wrap. Where that cannot be shown, or there is no {@code /proc}, every process is a candidate.
 *
 * <p>So ending what a command left behind reads a few files, not two per process on the machine (about 5 ms of CPU
 * a run on a machine with a hundred processes, more on a busy build node).
 */
final class NewPids {
    private static final Path PROC = Path.of("/proc");

    /** The last id handed out, the processes and threads alive, and the processes created since boot. */
    record Mark(long lastPid, long threads, long forks) {}

    private NewPids() {
    }

    /** The moment now, or empty where {@code /proc} does not say. */
    static Optional<Mark> mark() {
        try {
            String[] load = read(PROC.resolve("loadavg")).trim().split("\\s+");
            String[] running = load[3].split("/");
            return Optional.of(new Mark(Long.parseLong(load[4]), Long.parseLong(running[1]), forks()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The ids of the live processes that may have started after {@code since} (all of them when that cannot be told),
     * read from one listing of {@code /proc}; empty where there is no {@code /proc}.
     */
    static List<Long> since(Optional<Mark> since) {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return pids;
        }
        Optional<Mark> now = since.isPresent() ? mark() : Optional.empty();
        boolean window = now.isPresent() && newOnly(since.get(), now.get(), pidMax());
        long from = since.map(Mark::lastPid).orElse(0L);
        long to = now.map(Mark::lastPid).orElse(Long.MAX_VALUE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                if (pid > 0 && (!window || pid > from && pid <= to)) {
                    pids.add(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            return pids;
        }
        return pids;
    }

    /** Whether the ids cannot have wrapped between {@code since} and {@code now}. */
    static boolean newOnly(Mark since, Mark now, long pidMax) {
        long created = now.forks() - since.forks();
        return pidMax > 0 && created >= 0 && now.lastPid() >= since.lastPid()
                && created + since.threads() < pidMax - since.lastPid();
    }

    private static long pidOf(String name) {
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || i > 18) {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return name.isEmpty() ? -1 : pid;
    }

    private static long forks() throws IOException {
        for (String line : read(PROC.resolve("stat")).split("\n")) {
            if (line.startsWith("processes ")) {
                return Long.parseLong(line.substring("processes ".length()).trim());
            }
        }
        throw new IOException("/proc/stat has no processes line");
    }

    /**
     * A file of {@code /proc} read as a stream: {@code Files.readString} reads {@code /proc/sys/kernel/pid_max} as
     * "3" with Java 17 on this kernel (the file says its size is 0); a stream reads it whole.
     */
    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), US_ASCII);
        }
    }

    static long pidMax() {
        try {
            return Long.parseLong(read(PROC.resolve("sys/kernel/pid_max")).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
