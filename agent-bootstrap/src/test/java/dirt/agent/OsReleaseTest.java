package dirt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OsReleaseTest {
    @Test
    void keys_are_read_with_quotes_and_escapes_removed() {
        List<String> lines = List.of(
                "# a comment",
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"",
                "NAME='Debian GNU/Linux'",
                "VERSION_ID=\"12\"",
                "ID=debian",
                "",
                "QUOTED=\"say \\\"hi\\\"\"",
                "not a key value line");

        assertThat(OsRelease.parse(lines)).containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)")
                .containsEntry("NAME", "Debian GNU/Linux").containsEntry("VERSION_ID", "12")
                .containsEntry("ID", "debian").containsEntry("QUOTED", "say \"hi\"").hasSize(5);
    }
}
