package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code has_file} and {@code put_file}: how dirt ships task jars into the agent's folder. */
class FileOpsTest {
    private static final byte[] JAR = "pretend this is a jar \u00ff".getBytes(UTF_8);
    private static final String SHA = FileCache.sha256(JAR);
    private static final String NAME = "tasks-" + SHA + ".jar";

    @TempDir
    Path dir;

    private Runner agent;

    private Runner agent() {
        if (agent == null) {
            agent = new Runner(dir.resolve("cache"), Limits.STANDARD);
        }
        return agent;
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
    }

    private Map<String, Object> put(String name, String sha256, byte[] data) {
        return agent().call(agent().request("put_file", "name", name, "sha256", sha256, "data",
                Base64.getEncoder().encodeToString(data)));
    }

    private boolean present(String name) {
        return (Boolean) agent().call(agent().request("has_file", "name", name)).get("present");
    }

    @Test
    void file_put_is_stored_in_the_agents_folder_and_then_present() {
        assertThat(present(NAME)).isFalse();

        assertThat(put(NAME, SHA, JAR)).containsEntry("ok", true).containsEntry("stored", true);

        assertThat(present(NAME)).isTrue();
        assertThat(dir.resolve("cache").resolve(NAME)).hasBinaryContent(JAR);
        assertThat(dir.resolve("cache")).isDirectoryNotContaining(path -> path.toString().endsWith(".tmp"));
    }

    @Test
    void file_put_again_replaces_the_old_one() {
        put("lib.jar", FileCache.sha256(JAR), JAR);
        byte[] newer = "newer".getBytes(UTF_8);

        put("lib.jar", FileCache.sha256(newer), newer);

        assertThat(dir.resolve("cache/lib.jar")).hasBinaryContent(newer);
    }

    @Test
    void file_whose_bytes_do_not_match_the_hash_is_refused_and_not_stored() {
        byte[] damaged = "pretend this is a jaR \u00ff".getBytes(UTF_8);

        Map<String, Object> response = put(NAME, SHA, damaged);

        assertThat(response).containsEntry("ok", false).containsEntry("error", "put_file refused: sha256 mismatch:"
                + " name=\"" + NAME + "\" expected=\"" + SHA + "\" actual=\"" + FileCache.sha256(damaged) + "\" bytes="
                + damaged.length + " — the file was damaged on the way; send it again");
        assertThat(present(NAME)).isFalse();
    }

    @Test
    void file_whose_name_holds_another_hash_is_refused() {
        byte[] other = "other".getBytes(UTF_8);

        assertThat(put(NAME, FileCache.sha256(other), other)).containsEntry("ok", false).containsEntry("error",
                "put_file refused: name=\"" + NAME + "\" holds another hash than sha256=\"" + FileCache.sha256(other)
                        + "\" — name a content-addressed file by its own sha-256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.jar", "sub/tasks.jar", "..", ".hidden", "/etc/passwd", "a\\b.jar", ""})
    void file_name_with_folders_or_dots_is_refused(String name) {
        Map<String, Object> response = put(name, SHA, JAR);

        assertThat(response).containsEntry("ok", false).containsEntry("error", "bad file name: name=\"" + name
                + "\" — use a plain file name of letters, digits, '.', '_', '+' and '-' (not starting with '.'), such"
                + " as \"tasks-<sha256>.jar\", without folders");
        assertThat(agent().call(agent().request("has_file", "name", name))).containsEntry("ok", false);
        assertThat(dir.resolve("escape.jar")).doesNotExist();
    }

    @Test
    void data_that_is_not_base64_is_refused_saying_so() {
        Map<String, Object> response = agent().call(agent().request("put_file", "name", NAME, "sha256", SHA, "data",
                "not base64!"));

        assertThat(response).containsEntry("ok", false).extractingByKey("error").asString()
                .startsWith("put_file refused: name=\"" + NAME + "\": \"data\" is not base64");
    }

    @Test
    void hello_lists_the_new_ops() {
        List<Object> ops = List.copyOf((List<?>) agent().call(agent().request("hello")).get("ops"));

        assertThat(ops).containsExactly("hello", "ping", "probe", "has_file", "put_file", "run", "cancel", "sample",
                "shutdown");
    }

    @Test
    void cache_folder_is_created_when_missing() throws Exception {
        assertThat(dir.resolve("cache")).doesNotExist();

        put(NAME, SHA, JAR);

        assertThat(Files.isDirectory(dir.resolve("cache"))).isTrue();
    }

    @Test
    void a_planted_file_under_a_hashed_name_is_not_present_and_is_removed() throws Exception {
        Files.createDirectories(dir.resolve("cache"));
        Files.write(dir.resolve("cache").resolve(NAME), "other content".getBytes(UTF_8));

        assertThat(present(NAME)).isFalse();
        assertThat(dir.resolve("cache").resolve(NAME)).doesNotExist();
    }

    @Test
    void a_shipped_file_changed_afterwards_is_shipped_again() throws Exception {
        put(NAME, SHA, JAR);
        Files.write(dir.resolve("cache").resolve(NAME), "poisoned".getBytes(UTF_8));

        assertThat(present(NAME)).isFalse();
        assertThat(put(NAME, SHA, JAR)).containsEntry("ok", true);
        assertThat(present(NAME)).isTrue();
    }

    @Test
    void a_link_under_a_hashed_name_is_not_present() throws Exception {
        Files.createDirectories(dir.resolve("cache"));
        Path real = Files.write(dir.resolve("real.jar"), JAR);
        Files.createSymbolicLink(dir.resolve("cache").resolve(NAME), real);

        assertThat(present(NAME)).isFalse();
    }

    @Test
    void a_cache_folder_others_may_write_to_is_made_private() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("shared-cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        new FileCache(cache).requirePrivate();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwxr-xr-x");
    }
}
