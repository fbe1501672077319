package dirt.agent;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files a run sends back, within its {@link Limits}: a file over the limit per attachment (or over what is left of
 * the run's total) is {@linkplain Truncation cut} and named in {@code truncated}; files past the count limit, or when
 * nothing is left of the total, are named in {@code skipped_files} instead of sent.
 */
final class Attachments {
    private final Limits limits;
    private final List<Map<String, Object>> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<String> truncated = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private int skippedCount;
    private long bytes;

    Attachments(Limits limits) {
        this.limits = limits;
    }

    /** Adds the file {@code file} as {@code name}; {@code linkName} may be null. */
    void add(String name, String linkName, Path file) {
        long allowed = allowed(name);
        if (allowed < 0) {
            return;
        }
        try {
            long size = Files.size(file);
            byte[] data = Truncation.read(file, allowed);
            put(name, linkName, data, size > allowed);
        } catch (IOException e) {
            skip(name);
        }
    }

    /** Adds {@code data} as {@code name}; {@code linkName} may be null. */
    void add(String name, String linkName, byte[] data) {
        long allowed = allowed(name);
        if (allowed >= 0) {
            put(name, linkName, Truncation.cut(data, allowed), data.length > allowed);
        }
    }

    /** Whether an attachment named {@code name} is here. */
    boolean contains(String name) {
        return names.contains(name);
    }

    /** Notes that {@code name} was cut before it came here (a command's captured output). */
    void truncatedBefore(String name) {
        if (!truncated.contains(name)) {
            truncated.add(name);
        }
    }

    /**
     * Adds every regular file under {@code folder} under its relative name, e.g. {@code reports/junit.xml}: shallow
     * files first, then by name. A symbolic link is followed only to a file inside {@code folder}; one that leads out
     * of it (to {@code /etc/shadow}, to another run) is named in {@code skipped_files} instead. Linked folders are not
     * entered.
     */
    void addFolder(Path folder) throws IOException {
        FirstFiles files = new FirstFiles(limits.maxFiles());
        Path realFolder = folder.toRealPath();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() || attributes.isSymbolicLink() && linksInside(file, realFolder)) {
                    files.offer(folder.relativize(file));
                } else if (attributes.isSymbolicLink()) {
                    skip(name(folder.relativize(file)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path file : files.kept()) {
            add(name(file), null, folder.resolve(file));
        }
        files.left().forEach(file -> skip(name(file)));
        skippedCount += files.uncounted();
    }

    /**
     * The first {@code count} files in sending order (shallow first, then by name) of however many are offered, and the
     * first {@code count} of the rest: memory stays bounded by the limit, not by the number of files a run leaves.
     */
    private static final class FirstFiles {
        private static final Comparator<Path> ORDER =
                Comparator.comparingInt(Path::getNameCount).thenComparing(Attachments::name);
        private final int count;
        private final TreeSet<Path> kept = new TreeSet<>(ORDER);
        private final TreeSet<Path> left = new TreeSet<>(ORDER);
        private int uncounted;

        FirstFiles(int count) {
            this.count = count;
        }

        void offer(Path file) {
            kept.add(file);
            if (kept.size() > count) {
                keepLeft(kept.pollLast());
            }
        }

        private void keepLeft(Path file) {
            left.add(file);
            if (left.size() > count) {
                left.pollLast();
                uncounted++;
            }
        }

        List<Path> kept() {
            return List.copyOf(kept);
        }

        List<Path> left() {
            return List.copyOf(left);
        }

        int uncounted() {
            return uncounted;
        }
    }

    private static boolean linksInside(Path link, Path realFolder) {
        try {
            Path target = link.toRealPath();
            return target.startsWith(realFolder) && Files.isRegularFile(target);
        } catch (IOException e) {
            return false;
        }
    }

    private static String name(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    /** The bytes {@code name} may have, or -1 when it is skipped (a name taken, too many files, no room left). */
    private long allowed(String name) {
        long allowed = Math.min(limits.maxBytesEach(), limits.maxBytesTotal() - bytes);
        if (names.contains(name) || entries.size() >= limits.maxFiles() || allowed <= Truncation.MARKER_RESERVE) {
            skip(name);
            return -1;
        }
        return allowed;
    }

    private void put(String name, String linkName, byte[] data, boolean cut) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("link_name", linkName);
        entry.put("content_type", ContentTypes.guess(name));
        entry.put("data", new JsonWriter.Base64Bytes(data));
        entries.add(entry);
        names.add(name);
        bytes += data.length;
        if (cut) {
            truncatedBefore(name);
        }
    }

    private void skip(String name) {
        skippedCount++;
        if (skipped.size() < limits.maxFiles()) {
            skipped.add(name);
        }
    }

    /** The attachments for the response: {@code name}, {@code link_name}, {@code content_type}, {@code data}. */
    List<Map<String, Object>> entries() {
        return entries;
    }

    /**
     * Puts what was cut or left out into {@code result}: {@code truncated} (names), {@code skipped_files} (at most
     * as many names as files may be sent) and {@code skipped_count}; nothing when all was sent whole.
     */
    void noteIn(Map<String, Object> result) {
        if (!truncated.isEmpty()) {
            result.put("truncated", List.copyOf(truncated));
        }
        if (skippedCount > 0) {
            result.put("skipped_files", List.copyOf(skipped));
            result.put("skipped_count", skippedCount);
        }
    }
}
