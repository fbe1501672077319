package dirt.project;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** A project folder for tests: {@code ProjectFolder.in(dir).task("examples/Simple.java", code).project()}. */
final class ProjectFolder {
    private final Path dir;

    private ProjectFolder(Path dir) {
        this.dir = dir;
    }

    static ProjectFolder in(Path dir) {
        return new ProjectFolder(dir).file("settings.toml", "[project]\nname = \"test\"\n");
    }

    ProjectFolder task(String path, String code) {
        return file("tasks/" + path, code);
    }

    ProjectFolder file(String path, String text) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code code} (the class {@code className}, no package dependencies) into {@code tasks/lib/jarName}. */
    ProjectFolder lib(String jarName, String className, String code) {
        try {
            Path src = Files.createTempDirectory(dir.getParent(), "libsrc");
            Path source = src.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, code, UTF_8);
            Path classes = Files.createDirectory(src.resolve("classes"));
            int exit = ToolProvider.getSystemJavaCompiler()
                    .run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
            if (exit != 0) {
                throw new IllegalStateException("lib source does not compile: " + className);
            }
            Path jar = dir.resolve("tasks/lib/" + jarName);
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file);
                    Stream<Path> walk = Files.walk(classes)) {
                for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(new JarEntry(TaskSources.unixPath(classes.relativize(path))));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Project project() {
        return Project.open(dir);
    }
}
