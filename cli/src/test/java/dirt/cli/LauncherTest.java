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
 * arguments, writes the archive it is asked to write, and exits as told: which runs write the archive, which use it,
 * and which leave none.
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
                echo "$*" >> "%s"
                for arg in "$@"; do
                  case "$arg" in -XX:ArchiveClassesAtExit=*) archive="${arg#*=}" ;; esac
                done
                leave() { [ -n "$archive" ] && echo archive > "$archive"; exit "$1"; }
                trap 'leave 143' TERM
                if [ -n "$FAKE_SLEEP" ]; then sleep "$FAKE_SLEEP" & wait $!; fi
                leave "${FAKE_EXIT:-0}"
                """.formatted(calls));
        executable(java);
        home = Files.createDirectories(dir.resolve("home"));
    }

    @Test
    void the_first_serve_that_ends_well_writes_the_archive_and_later_commands_use_it() throws Exception {
        assertThat(run(Map.of(), "serve", "--until-done")).isZero();
        assertThat(archives()).hasSize(1);

        assertThat(run(Map.of(), "post", "-")).isZero();

        List<String> lines = Files.readAllLines(calls);
        assertThat(lines.get(0)).contains("-XX:ArchiveClassesAtExit=").endsWith("dirt.cli.Main serve --until-done");
        assertThat(lines.get(1)).contains("-XX:SharedArchiveFile=" + archives().get(0))
                .contains("-Xlog:cds=off").endsWith("dirt.cli.Main post -");
    }

    @Test
    void a_serve_that_fails_leaves_no_archive_and_the_next_one_tries_again() throws Exception {
        assertThat(run(Map.of("FAKE_EXIT", "3"), "serve")).isEqualTo(3);
        assertThat(archives()).isEmpty();
        assertThat(Files.list(home.resolve(".cache/dirt/cds"))).as("no partial archive left").isEmpty();

        assertThat(run(Map.of(), "quickstart")).isZero();
        assertThat(archives()).hasSize(1);
    }

    @Test
    void other_commands_neither_write_nor_need_an_archive() throws Exception {
        assertThat(run(Map.of(), "status")).isZero();
        assertThat(run(Map.of(), "--version")).isZero();

        assertThat(archives()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:");
    }

    @Test
    void serve_check_and_help_do_not_write_one() throws Exception {
        assertThat(run(Map.of(), "serve", "--check")).isZero();
        assertThat(run(Map.of(), "serve", "--help")).isZero();

        assertThat(archives()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:");
    }

    @Test
    void dirt_cds_off_runs_without() throws Exception {
        assertThat(run(Map.of("DIRT_CDS", "off"), "serve")).isZero();

        assertThat(archives()).isEmpty();
        assertThat(Files.readString(calls)).doesNotContain("-XX:");
    }

    @Test
    void a_serve_stopped_with_sigterm_is_stopped_and_keeps_its_archive() throws Exception {
        Process serve = start(Map.of("FAKE_SLEEP", "30"), "serve");
        awaitCalled();

        serve.destroy();

        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("the launcher passed SIGTERM on and ended").isTrue();
        assertThat(serve.exitValue()).isEqualTo(143);
        assertThat(archives()).hasSize(1);
    }

    @Test
    void a_new_installation_writes_a_new_archive_and_removes_the_old() throws Exception {
        run(Map.of(), "serve");
        Path first = archives().get(0);

        Files.writeString(dir.resolve("dirt/lib/dirt-core.jar"), "another jar");
        run(Map.of(), "serve");

        assertThat(archives()).hasSize(1).doesNotContain(first);
    }

    @Test
    void another_installations_archive_is_left_alone() throws Exception {
        Path other = Files.createDirectories(home.resolve(".cache/dirt/cds")).resolve("dirt-1-2.jsa");
        Files.writeString(other, "another installation's archive");

        run(Map.of(), "serve");

        assertThat(archives()).hasSize(2).contains(other);
    }

    private List<Path> archives() throws IOException {
        Path cds = home.resolve(".cache/dirt/cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
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
