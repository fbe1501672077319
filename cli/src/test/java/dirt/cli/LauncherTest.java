package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class data sharing ({@code src/dist/bin/dirt}), run with a stand-in for {@code java} that notes its
 * arguments and process id, plays dirt's part (marks a serve that ended well) and the JVM's (writes the archive it is
 * asked to write as it exits, after dirt's code), and exits as told: which runs write the archive, which adopt and use
 * it, and which leave none in use.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path home;
    private Path calls;

    @BeforeEach
    void installLauncherAndAStandInJava() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("dirt/bin"));
        Files.createDirectories(dir.resolve("dirt/lib"));
        Files.writeString(dir.resolve("dirt/lib/dirt-cli.jar"), "jar");
        Files.copy(Path.of("src/dist/bin/dirt"), bin.resolve("dirt"));
        executable(bin.resolve("dirt"));
        calls = dir.resolve("calls");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                for arg in "$@"; do
                  case "$arg" in
                    -XX:ArchiveClassesAtExit=*) archive="${arg#*=}" ;;
                    -XX:SharedArchiveFile=*) mapped="${arg#*=}" ;;
                    -version) [ "$(cat "$mapped")" = archive ]; exit $? ;;
                  esac
                done
                echo "$$ $*" >> "%s"
                leave() {
                  case "$1" in 0|130|143) [ -z "$DIRT_CDS_ENDED_WELL" ] || : > "$DIRT_CDS_ENDED_WELL" ;; esac
                  [ -z "$archive" ] || echo "${FAKE_ARCHIVE:-archive}" > "$archive"
                  exit "$1"
                }
                trap 'leave 143' TERM
                trap 'leave 130' INT
                [ -z "$FAKE_MARK_FIRST" ] || : > "$DIRT_CDS_ENDED_WELL"
                if [ -n "$FAKE_SLEEP" ]; then sleep "$FAKE_SLEEP" & wait $!; fi
                leave "${FAKE_EXIT:-0}"
                """.formatted(calls));
        executable(java);
        home = Files.createDirectories(dir.resolve("home"));
    }

    @Test
    void the_first_serve_that_ends_well_writes_the_archive_and_later_commands_use_it() throws Exception {
        assertThat(run(Map.of(), "serve", "--until-done")).isZero();
        assertThat(archives()).as("adopted by the next command, not by the run that wrote it").isEmpty();

        assertThat(run(Map.of(), "post", "-")).isZero();

        assertThat(archives()).hasSize(1);
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines.get(0)).contains("-XX:ArchiveClassesAtExit=").endsWith("dirt.cli.Main serve --until-done");
        assertThat(lines.get(1)).contains("-XX:SharedArchiveFile=" + archives().get(0))
                .contains("-Xlog:cds=off").endsWith("dirt.cli.Main post -");
        assertThat(files()).as("nothing else left").containsExactlyElementsOf(archives());
    }

    @Test
    void java_replaces_the_launcher_so_signals_and_the_exit_status_are_the_jvms() throws Exception {
        Process serve = start(Map.of("FAKE_SLEEP", "30"), "serve");
        awaitCalled();
        assertThat(Files.readString(calls)).startsWith(serve.pid() + " ");

        new ProcessBuilder("kill", "-INT", Long.toString(serve.pid())).start().waitFor();

        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).isEqualTo(130);
        run(Map.of(), "status");
        assertThat(archives()).as("a serve stopped by a signal ended well").hasSize(1);
    }

    @Test
    void a_serve_that_fails_leaves_no_archive_and_the_next_one_tries_again() throws Exception {
        assertThat(run(Map.of("FAKE_EXIT", "3"), "serve")).isEqualTo(3);
        assertThat(run(Map.of("FAKE_EXIT", "3"), "serve")).isEqualTo(3);
        assertThat(run(Map.of(), "status")).isZero();
        assertThat(files()).as("what the failed runs' JVMs wrote is gone").isEmpty();

        assertThat(run(Map.of(), "quickstart")).isZero();
        assertThat(run(Map.of(), "status")).isZero();

        assertThat(Files.readAllLines(calls).get(3)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(archives()).hasSize(1);
        assertThat(files()).containsExactlyElementsOf(archives());
    }

    @Test
    void an_archive_is_not_adopted_while_the_jvm_writing_it_runs() throws Exception {
        Process serve = start(Map.of("FAKE_SLEEP", "30", "FAKE_MARK_FIRST", "yes"), "serve");
        awaitCalled();
        await().atMost(Duration.ofSeconds(20)).until(() -> files().stream().anyMatch(
                file -> file.toString().endsWith(".done")));

        run(Map.of(), "status");
        assertThat(archives()).isEmpty();

        serve.destroy();
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        run(Map.of(), "status");
        assertThat(archives()).hasSize(1);
    }

    @Test
    void a_serve_killed_outright_leaves_no_archive_in_use() throws Exception {
        Process serve = start(Map.of("FAKE_SLEEP", "30"), "serve");
        awaitCalled();

        new ProcessBuilder("kill", "-KILL", Long.toString(serve.pid())).start().waitFor();
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        run(Map.of(), "serve");

        assertThat(Files.readAllLines(calls).get(1)).as("the next serve writes one").contains(
                "-XX:ArchiveClassesAtExit=");
    }

    @Test
    void an_archive_the_jvm_cannot_map_is_not_used_and_not_written_again() throws Exception {
        run(Map.of("FAKE_ARCHIVE", "broken"), "serve");
        run(Map.of(), "serve");
        run(Map.of(), "status");

        assertThat(archives()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:SharedArchiveFile=");
        assertThat(Files.readAllLines(calls).get(1))
                .doesNotContain("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");
    }

    @Test
    void other_commands_neither_write_nor_need_an_archive() throws Exception {
        assertThat(run(Map.of(), "status")).isZero();
        assertThat(run(Map.of(), "--version")).isZero();

        assertThat(files()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");
    }

    @Test
    void serve_check_and_help_do_not_write_one() throws Exception {
        assertThat(run(Map.of(), "serve", "--check")).isZero();
        assertThat(run(Map.of(), "serve", "--help")).isZero();

        assertThat(files()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");
    }

    @Test
    void dirt_cds_off_runs_without() throws Exception {
        assertThat(run(Map.of("DIRT_CDS", "off"), "serve")).isZero();
        assertThat(run(Map.of("DIRT_CDS", "off"), "status")).isZero();

        assertThat(files()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit");
    }

    @Test
    void java_runs_with_the_client_compiler_and_a_small_serial_heap_and_the_users_options_after_them()
            throws Exception {
        run(Map.of("DIRT_CDS", "off", "DIRT_JAVA_OPTS", "-Xmx300m -XX:TieredStopAtLevel=4"), "status");
        run(Map.of("DIRT_CDS", "off", "DIRT_JAVA_OPTS", "-XX:+UseG1GC"), "status");
        run(Map.of("DIRT_CDS", "off", "JAVA_TOOL_OPTIONS", "-XX:+UseZGC"), "status");

        List<String> lines = Files.readAllLines(calls);
        assertThat(lines.get(0)).contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10"
                + " -XX:MaxHeapFreeRatio=30 -Xmx300m -XX:TieredStopAtLevel=4 ");
        assertThat(lines.get(1)).contains("-XX:TieredStopAtLevel=1 -XX:+UseG1GC ").doesNotContain("Serial", "HeapFree");
        assertThat(lines.get(2)).contains("-XX:TieredStopAtLevel=1 ").doesNotContain("Serial", "HeapFree");
    }

    @Test
    void a_new_installation_writes_a_new_archive_and_removes_the_old() throws Exception {
        run(Map.of(), "serve");
        run(Map.of(), "status");
        Path first = archives().get(0);

        Files.writeString(dir.resolve("dirt/lib/dirt-core.jar"), "another jar");
        run(Map.of(), "serve");
        run(Map.of(), "status");

        assertThat(archives()).hasSize(1).doesNotContain(first);
    }

    @Test
    void other_jvm_options_get_an_archive_of_their_own_and_both_are_kept() throws Exception {
        Map<String, String> service = Map.of("DIRT_JAVA_OPTS", "-Xmx256m");
        run(Map.of(), "serve");
        run(Map.of(), "status");
        Path plain = archives().get(0);
        run(service, "serve");
        run(service, "status");

        run(Map.of(), "status");

        assertThat(archives()).hasSize(2).contains(plain);
        List<String> lines = Files.readAllLines(calls);
        assertThat(lines.get(lines.size() - 1)).contains("-XX:SharedArchiveFile=" + plain);
        assertThat(lines.get(3)).contains("-XX:SharedArchiveFile=").doesNotContain(plain.toString())
                .contains("-Xmx256m");
    }

    @Test
    void another_installations_archive_is_left_alone() throws Exception {
        Path other = Files.createDirectories(home.resolve(".cache/dirt/cds")).resolve("dirt-1-2.jsa");
        Files.writeString(other, "another installation's archive");

        run(Map.of(), "serve");
        run(Map.of(), "status");

        assertThat(archives()).hasSize(2).contains(other);
    }

    private List<Path> files() throws IOException {
        Path cds = home.resolve(".cache/dirt/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.toList();
        }
    }

    private List<Path> archives() throws IOException {
        return files().stream().filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
    }

    private int run(Map<String, String> env, String... args) throws Exception {
        Process process = start(env, args);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = Stream.concat(Stream.of(dir.resolve("dirt/bin/dirt").toString()), Stream.of(args))
                .toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile());
        Map<String, String> environment = new HashMap<>(env);
        environment.put("HOME", home.toString());
        environment.put("JAVA_HOME", dir.resolve("jdk").toString());
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().remove("DIRT_CDS");
        builder.environment().remove("DIRT_JAVA_OPTS");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitCalled() {
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(calls) && Files.size(calls) > 0);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
