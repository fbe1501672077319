package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import dirt.api.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds small jars from Java sources for tests: {@code new TestJars(dir).source("a/B.java", "...").jar("x.jar")}. */
final class TestJars {
    private final Path dir;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>();

    TestJars(Path dir) {
        this.dir = dir;
    }

    TestJars source(String path, String code) {
        sources.put(path, code);
        return this;
    }

    TestJars classpath(Path jar) {
        classpath.add(jar);
        return this;
    }

    Path jar(String name) {
        try {
            Path src = Files.createTempDirectory(dir, "src");
            Path classes = Files.createTempDirectory(dir, "classes");
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", cp()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent() == null ? src : file.getParent());
                Files.writeString(file, source.getValue(), UTF_8);
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test sources do not compile: " + sources.keySet());
            }
            return pack(classes, dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String cp() {
        List<String> entries = new ArrayList<>();
        entries.add(apiLocation().toString());
        classpath.forEach(jar -> entries.add(jar.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    static Path apiLocation() {
        try {
            return Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }
}
