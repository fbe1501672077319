package dirt.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script that inspects a node, run by the local /bin/sh with a made-up environment. */
class ProbeScriptTest {
    private static final String JAR = "dirt-agent-" + "0".repeat(64) + ".jar";

    @TempDir
    Path dir;

    private RemoteLayout probe(String remoteCache, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-s").redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(RemoteCache.probeScript(remoteCache, JAR).getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return RemoteLayout.parse(output).orElseThrow();
    }

    private Path fakeJava(Path bin) throws IOException {
        Files.createDirectories(bin);
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        return java;
    }

    @Test
    void tilde_means_the_remote_home() throws Exception {
        RemoteLayout layout = probe("~/.cache/dirt", Map.of("HOME", dir.toString(), "PATH", "/nonexistent"));

        assertThat(layout.cache()).isEqualTo(dir + "/.cache/dirt");
        assertThat(layout.agentPresent()).isFalse();
    }

    @Test
    void relative_cache_is_under_the_remote_home() throws Exception {
        assertThat(probe("dirt cache", Map.of("HOME", dir.toString())).cache()).isEqualTo(dir + "/dirt cache");
    }

    @Test
    void java_on_the_path_is_found_first() throws Exception {
        Path java = fakeJava(dir.resolve("bin"));
        Path otherJava = fakeJava(dir.resolve("jdk/bin"));

        RemoteLayout layout = probe("/c", Map.of("HOME", dir.toString(), "PATH", dir.resolve("bin").toString(),
                "JAVA_HOME", otherJava.getParent().getParent().toString()));

        assertThat(layout.java()).hasValue(java.toString());
    }

    @Test
    void java_home_is_the_fallback() throws Exception {
        Path java = fakeJava(dir.resolve("jdk/bin"));

        RemoteLayout layout = probe("/c", Map.of("HOME", dir.toString(), "PATH", "/nonexistent", "JAVA_HOME",
                dir.resolve("jdk").toString()));

        assertThat(layout.java()).hasValue(java.toString());
        assertThat(layout.javaHome()).isEqualTo(dir.resolve("jdk").toString());
    }

    @Test
    void no_java_is_reported_with_path_and_java_home() throws Exception {
        RemoteLayout layout = probe("/c", Map.of("HOME", dir.toString(), "PATH", "/nonexistent"));

        assertThat(layout.java()).isEqualTo(Optional.empty());
        assertThat(layout.path()).isEqualTo("/nonexistent");
        assertThat(layout.javaHome()).isEmpty();
    }

    @Test
    void cached_agent_is_seen() throws Exception {
        Files.createDirectories(dir.resolve("it's cached"));
        Files.writeString(dir.resolve("it's cached").resolve(JAR), "jar");

        assertThat(probe(dir.resolve("it's cached").toString(), Map.of("HOME", "/nonexistent")).agentPresent())
                .isTrue();
    }
}
