package dirt.project;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes and reads task jars: compiled classes plus {@value #TASK_LIST}, the task names, one a line. */
final class TaskJarFiles {
    static final String TASK_LIST = "META-INF/dirt/tasks";
    private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, for stable jars

    private TaskJarFiles() {}

    /** The task names stored in {@code jar}, or empty when it is missing or unreadable (then it is rebuilt). */
    static Optional<List<String>> readTaskNames(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(TASK_LIST);
            if (entry == null) {
                return Optional.empty();
            }
            String text = new String(file.getInputStream(entry).readAllBytes(), UTF_8);
            return Optional.of(Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).toList());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the classes under {@code classes} and the task names to {@code jar}, replacing it atomically. */
    static void write(Path classes, List<String> taskNames, Path jar) throws IOException {
        Path temp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp);
                    JarOutputStream out = new JarOutputStream(file)) {
                put(out, JarFile.MANIFEST_NAME, manifest());
                put(out, TASK_LIST, String.join("\n", taskNames).concat("\n").getBytes(UTF_8));
                for (Path path : classFiles(classes)) {
                    put(out, TaskSources.unixPath(classes.relativize(path)), Files.readAllBytes(path));
                }
            }
            move(temp, jar);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static List<Path> classFiles(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(FIXED_TIME);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    private static byte[] manifest() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "dirt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
