package dirt.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/** Removes a run's folder with everything in it, without following symbolic links out of it. */
final class Folders {
    private Folders() {}

    /**
     * Deletes {@code folder} and its contents, making folders a command made read-only or unreadable accessible
     * first; logs what it cannot delete.
     */
    static void delete(Path folder, Consumer<String> log) {
        try {
            walk(folder, true);
        } catch (IOException e) {
            log.accept(String.format("cannot remove the run folder folder=\"%s\": %s — remove it by hand", folder, e));
        }
    }

    private static void walk(Path folder, boolean retry) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                open(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (!retry || !Files.isDirectory(file)) {
                    throw e;
                }
                open(file);
                walk(file, false);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void open(Path dir) {
        File file = dir.toFile();
        file.setReadable(true, true);
        file.setWritable(true, true);
        file.setExecutable(true, true);
    }
}
