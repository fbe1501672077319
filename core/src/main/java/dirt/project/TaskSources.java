package dirt.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The inputs of a task jar: the {@code tasks/**}{@code /*.java} sources and the {@code tasks/lib/*.jar} libs. */
record TaskSources(Project project, List<Path> sources, List<Path> libs) {
    /** Bump when the jar layout changes, so that old cached jars are not reused. */
    private static final String FORMAT = "dirt-task-jar/1 release=17";

    TaskSources {
        sources = List.copyOf(sources);
        libs = List.copyOf(libs);
    }

    static TaskSources scan(Project project) {
        return new TaskSources(project, sources(project), libs(project));
    }

    /** A source's path under {@code tasks/} with '/' separators, e.g. {@code examples/Simple.java}. */
    String relative(Path source) {
        return unixPath(project.tasksDir().relativize(source));
    }

    /** SHA-256 (hex) over the format, the sorted source paths and contents, the libs and the task API. */
    String hash(Path taskApi) {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        try {
            for (Path source : sources) {
                update(digest, "source " + relative(source));
                updateWithFile(digest, source);
            }
            for (Path lib : libs) {
                update(digest, "lib " + lib.getFileName());
                updateWithFile(digest, lib);
            }
            for (Path file : filesOf(taskApi)) {
                update(digest, "api " + unixPath(taskApi.relativize(file)));
                updateWithFile(digest, file);
            }
        } catch (IOException e) {
            throw new ProjectException(String.format(
                    "cannot read the task sources: project=\"%s\" cause=\"%s\" — check the files' permissions",
                    project.dir(), e), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> sources(Project project) {
        Path tasks = project.tasksDir();
        if (!Files.isDirectory(tasks)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tasks)) {
            return walk.filter(path -> path.getFileName().toString().endsWith(".java"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> unixPath(tasks.relativize(path))))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw cannotList(tasks, e);
        }
    }

    private static List<Path> libs(Project project) {
        Path lib = project.libDir();
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(lib)) {
            return list.filter(path -> path.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw cannotList(lib, e);
        }
    }

    private static List<Path> filesOf(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        try (Stream<Path> walk = Files.walk(location)) {
            return walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> unixPath(location.relativize(path))))
                    .collect(Collectors.toList());
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static void updateWithFile(MessageDigest digest, Path file) throws IOException {
        update(digest, Long.toString(Files.size(file)));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String unixPath(Path path) {
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static ProjectException cannotList(Path folder, IOException e) {
        return new ProjectException(String.format(
                "cannot list folder=\"%s\": %s — check its permissions", folder, e), e);
    }
}
