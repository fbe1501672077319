package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StderrTailTest {
    private static void write(StderrTail tail, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tail.write(bytes, 0, bytes.length);
    }

    @Test
    void keeps_the_last_fifty_lines() {
        StderrTail tail = new StderrTail();
        write(tail, IntStream.rangeClosed(1, 60).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));

        assertThat(tail.text().lines()).hasSize(50).startsWith("line 11").endsWith("line 60");
    }

    @Test
    void unfinished_last_line_is_included() {
        StderrTail tail = new StderrTail();
        write(tail, "Error: Unable to access jarfile\nExcept");

        assertThat(tail.text()).isEqualTo("Error: Unable to access jarfile\nExcept");
    }

    @Test
    void agent_pid_on_the_first_line_is_taken_out_of_the_text() {
        StderrTail tail = new StderrTail();
        write(tail, "dirt-agent-pid=4242\nstarted\n");

        assertThat(tail.pid()).hasValue(4242);
        assertThat(tail.text()).isEqualTo("started");
    }

    @Test
    void pid_line_later_on_is_ordinary_text() {
        StderrTail tail = new StderrTail();
        write(tail, "started\ndirt-agent-pid=4242\n");

        assertThat(tail.pid()).isEmpty();
        assertThat(tail.text()).isEqualTo("started\ndirt-agent-pid=4242");
    }

    @Test
    void very_long_lines_are_cut() {
        StderrTail tail = new StderrTail();
        write(tail, "x".repeat(10_000) + "\n");

        assertThat(tail.text()).hasSize(StderrTail.MAX_LINE_BYTES);
    }

    @Test
    void lines_added_one_at_a_time_keep_the_last_ones_each_cut_to_size() {
        StderrTail tail = new StderrTail();
        for (int i = 1; i <= StderrTail.MAX_LINES + 2; i++) {
            tail.add("line " + i);
        }
        tail.add("x".repeat(StderrTail.MAX_LINE_BYTES + 10));

        assertThat(tail.text()).startsWith("line 4\nline 5\n").endsWith("\n" + "x".repeat(StderrTail.MAX_LINE_BYTES));
        assertThat(new StderrTail().text()).isEmpty();
    }
}
