package dirt.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTest {
    @TempDir
    Path workDir;

    @Test
    void success_has_no_reason_and_failure_has_one() {
        assertThat(Result.success().isSuccess()).isTrue();
        assertThat(Result.success().reason()).isEmpty();
        assertThat(Result.failure("g++ failed").isSuccess()).isFalse();
        assertThat(Result.failure("g++ failed").reason()).contains("g++ failed");
    }

    @Test
    void with_returns_a_new_result_and_leaves_the_original_alone() {
        Result plain = Result.success();
        Result withSum = plain.with("sum", 4).with("name", "x");

        assertThat(plain.values()).isEmpty();
        assertThat(withSum.values()).containsExactly(Map.entry("sum", 4), Map.entry("name", "x"));
    }

    @Test
    void nested_json_values_are_accepted_and_copied() {
        List<Object> list = new ArrayList<>(Arrays.asList(1, "two", null, Map.of("three", 3.0)));
        Result result = Result.success().with("list", list);
        list.add("later");

        assertThat(result.values().get("list")).isEqualTo(Arrays.asList(1, "two", null, Map.of("three", 3.0)));
    }

    @Test
    void non_json_value_is_rejected_naming_its_key_and_type() {
        assertThatThrownBy(() -> Result.success().with("when", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("result value \"when\" is a java.time.Instant, which is not a JSON value — use a String,"
                        + " Number, Boolean, null, or a List or Map<String, ?> of those");
    }

    @Test
    void non_json_value_nested_in_a_list_is_rejected_with_its_position() {
        assertThatThrownBy(() -> Result.success().with("files", List.of("a", Path.of("b"))))
                .hasMessageStartingWith("result value \"files\"[1] is a ");
    }

    @Test
    void map_with_non_string_key_is_rejected() {
        Map<Object, Object> map = new HashMap<>();
        map.put(1, "one");

        assertThatThrownBy(() -> Result.success().with("m", map))
                .hasMessage("result value \"m\" has the key 1 of type java.lang.Integer — JSON object keys must be"
                        + " strings");
    }

    @Test
    void not_a_number_is_rejected() {
        assertThatThrownBy(() -> Result.success().with("ratio", Double.NaN))
                .hasMessage("result value \"ratio\" is NaN, which JSON cannot represent — use a finite number, null"
                        + " or a string");
    }

    @Test
    void reserved_keys_are_refused() {
        assertThatThrownBy(() -> Result.success().with("success", false))
                .hasMessage("result key \"success\" is reserved — use Result.success(), Result.failure(reason) and"
                        + " attach(…) instead, or pick another key");
    }

    @Test
    void blank_failure_reason_is_refused() {
        assertThatThrownBy(() -> Result.failure(" ")).hasMessage("failure reason is blank — say what went wrong");
    }

    @Test
    void file_attachment_keeps_its_name_link_and_file() throws IOException {
        Path log = Files.writeString(workDir.resolve("build.log"), "ok", UTF_8);

        Attachment attachment = Result.success().attach(log, "Build log").attachments().get(0);

        assertThat(attachment.fileName()).isEqualTo("build.log");
        assertThat(attachment.linkName()).contains("Build log");
        assertThat(attachment.file()).contains(log);
        assertThat(attachment.contents()).isEqualTo("ok".getBytes(UTF_8));
    }

    @Test
    void file_attachment_without_link_name_has_no_link() throws IOException {
        Path log = Files.writeString(workDir.resolve("build.log"), "ok", UTF_8);

        assertThat(Result.success().attach(log).attachments().get(0).linkName()).isEqualTo(Optional.empty());
    }

    @Test
    void in_memory_attachment_copies_its_contents() {
        byte[] bytes = "hello".getBytes(UTF_8);
        Result result = Result.success().attach("hello.txt", bytes, null);
        bytes[0] = 'J';

        assertThat(result.attachments().get(0).contents()).isEqualTo("hello".getBytes(UTF_8));
        assertThat(result.attachments().get(0).file()).isEmpty();
    }

    @Test
    void missing_file_is_refused_at_attach_time() {
        Path missing = workDir.resolve("missing.log");

        assertThatThrownBy(() -> Result.success().attach(missing))
                .hasMessage("attachment file \"" + missing + "\" does not exist or is not a regular file — write it"
                        + " before attaching it");
    }

    @Test
    void relative_file_is_refused_with_the_fix() {
        assertThatThrownBy(() -> Result.success().attach(Path.of("build.log")))
                .hasMessage("attachment file \"build.log\" is a relative path — resolve it in the work folder:"
                        + " context.workDir().resolve(\"build.log\")");
    }

    @Test
    void two_attachments_with_the_same_name_are_refused() {
        Result once = Result.success().attach("a.txt", new byte[0], null);

        assertThatThrownBy(() -> once.attach("a.txt", new byte[1], "A"))
                .hasMessage("an attachment named \"a.txt\" is already attached — give each attachment its own file"
                        + " name");
    }

    @Test
    void attachment_name_with_a_folder_is_refused() {
        assertThatThrownBy(() -> Result.success().attach("logs/a.txt", new byte[0], null))
                .hasMessage("attachment file name \"logs/a.txt\" is not a plain file name — use a name without"
                        + " folders such as \"build.log\"");
    }

    @Test
    void results_with_equal_contents_are_equal() {
        assertThat(Result.failure("x").with("a", 1).attach("f", new byte[] {1}, null))
                .isEqualTo(Result.failure("x").with("a", 1).attach("f", new byte[] {1}, null));
    }
}
