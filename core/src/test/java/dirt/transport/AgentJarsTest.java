package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.agent.Main;
import dirt.api.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.Predicate;
import java.util.spi.ToolProvider;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarsTest {
    @TempDir
    Path dir;

    @Test
    void agent_jar_of_this_build_runs_alone_with_java_jar_and_holds_the_task_api() throws IOException {
        AgentJar agent = AgentJars.locate(dir.resolve("cache"));

        assertThat(Processes.java("-jar", agent.path().toString(), "--version")).isEqualTo("dirt-agent "
                + Main.version() + "\n");
        try (JarFile jar = new JarFile(agent.path().toFile())) {
            assertThat(jar.getEntry("dirt/api/Task.class")).isNotNull();
            assertThat(jar.getEntry("dirt/agent/TaskRunner.class")).isNotNull();
        }
    }

    @Test
    void locating_twice_gives_the_same_jar_named_by_the_sha256_of_its_content() throws IOException {
        AgentJar first = AgentJars.locate(dir.resolve("cache"));
        AgentJar second = AgentJars.locate(dir.resolve("cache"));

        assertThat(second).isEqualTo(first);
        assertThat(first.sha256()).isEqualTo(AgentJars.sha256(Files.readAllBytes(first.path())));
    }

    @Test
    void class_folders_are_packed_into_a_runnable_jar_named_by_its_hash_and_reused() throws IOException {
        Path agentClasses = extract(AgentJars.location(Main.class), dir.resolve("agent-classes"),
                name -> name.startsWith("dirt/agent/"));
        Path apiClasses = extract(AgentJars.location(Task.class), dir.resolve("api-classes"),
                name -> name.startsWith("dirt/api/"));
        Path cache = dir.resolve("cache");

        AgentJar packed = AgentJars.locate(agentClasses, apiClasses, cache);
        FileTime written = Files.getLastModifiedTime(packed.path());
        Files.setLastModifiedTime(packed.path(), FileTime.fromMillis(written.toMillis() - 60_000));
        AgentJar again = AgentJars.locate(agentClasses, apiClasses, cache);

        assertThat(packed.path()).isEqualTo(cache.resolve("dirt-agent-" + packed.sha256() + ".jar"));
        assertThat(again).isEqualTo(packed);
        assertThat(Files.getLastModifiedTime(again.path()).toMillis()).isEqualTo(written.toMillis() - 60_000);
        assertThat(AgentJars.isRunnableAgent(packed.path())).isTrue();
        assertThat(Processes.java("-jar", packed.path().toString(), "--version")).startsWith("dirt-agent ");
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).containsExactly(packed.path());
        }
    }

    @Test
    void packed_jar_is_the_same_whatever_the_file_times() throws IOException {
        Path agentClasses = extract(AgentJars.location(Main.class), dir.resolve("agent-classes"),
                name -> name.startsWith("dirt/agent/"));
        Path api = AgentJars.location(Task.class);
        AgentJar packed = AgentJars.locate(agentClasses, api, dir.resolve("cache1"));
        try (Stream<Path> files = Files.walk(agentClasses)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000L));
            }
        }

        assertThat(AgentJars.locate(agentClasses, api, dir.resolve("cache2")).sha256()).isEqualTo(packed.sha256());
    }

    @Test
    void agent_jar_without_the_task_api_is_packed_with_it() throws IOException {
        Path agentClasses = extract(AgentJars.location(Main.class), dir.resolve("agent-classes"),
                name -> name.startsWith("dirt/agent/"));
        Path thinJar = dir.resolve("thin.jar");
        int exit = ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "--create", "--file",
                thinJar.toString(), "--main-class", "dirt.agent.Main", "-C", agentClasses.toString(), ".");
        assertThat(exit).isZero();

        AgentJar agent = AgentJars.locate(thinJar, AgentJars.location(Task.class), dir.resolve("cache"));

        assertThat(agent.path()).isNotEqualTo(thinJar).startsWith(dir.resolve("cache"));
        assertThat(AgentJars.isRunnableAgent(thinJar)).isFalse();
        assertThat(AgentJars.isRunnableAgent(agent.path())).isTrue();
    }

    @Test
    void missing_agent_classes_fail_saying_to_reinstall() {
        Path missing = dir.resolve("no-agent");

        assertThatThrownBy(() -> AgentJars.locate(missing, AgentJars.location(Task.class), dir.resolve("cache")))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("cannot prepare dirt's agent jar: agent=\"" + missing + "\"")
                .hasMessageEndingWith("— check that the cache folder is writable, or reinstall dirt");
    }

    /** Copies the files of a class folder or jar that {@code wanted} names into the folder {@code to}. */
    private static Path extract(Path from, Path to, Predicate<String> wanted) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String name = from.relativize(file).toString().replace('\\', '/');
                    if (wanted.test(name)) {
                        copy(Files.newInputStream(file), to.resolve(name));
                    }
                }
            }
            return to;
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory() && wanted.test(entry.getName())) {
                    Files.createDirectories(to.resolve(entry.getName()).getParent());
                    Files.write(to.resolve(entry.getName()), zip.readAllBytes());
                }
            }
        }
        return to;
    }

    private static void copy(InputStream in, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (in; OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
    }
}
