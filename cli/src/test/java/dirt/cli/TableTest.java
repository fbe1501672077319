package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columns_are_padded_to_their_widest_cell_and_a_very_long_cell_is_cut() {
        StringWriter text = new StringWriter();
        new Table("TASK", "STATUS", "REASON")
                .row("t1", "passed", "")
                .row("n".repeat(5000), "failed", "r".repeat(100_000))
                .print(new PrintWriter(text, true));

        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).isEqualTo("TASK" + " ".repeat(58) + "STATUS  REASON");
        assertThat(lines[1]).isEqualTo("t1" + " ".repeat(60) + "passed");
        assertThat(lines[2]).startsWith("n".repeat(59) + "…  failed  rrr").endsWith("r…")
                .hasSize(62 + 8 + Table.WIDEST_LAST);
    }
}
