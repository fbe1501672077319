package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyLinesTest {
    @Test
    void lines_end_at_a_newline_with_or_without_a_carriage_return_and_the_last_one_at_the_end() throws IOException {
        assertThat(all(new ReplyLines(new StringReader("{\"id\":1}\n\r\n{\"id\":2}\r\nlast")))).containsExactly(
                "{\"id\":1}", "", "{\"id\":2}", "last");
    }

    @Test
    void a_line_read_in_many_pieces_is_whole() throws IOException {
        String longLine = "x".repeat(200_000);
        Reader oneCharAtATime = new StringReader(longLine + "\r\nnext\n") {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 7));
            }
        };

        assertThat(all(new ReplyLines(oneCharAtATime))).containsExactly(longLine, "next");
    }

    @Test
    void a_line_longer_than_the_limit_ends_the_reading_with_an_error() throws IOException {
        ReplyLines lines = new ReplyLines(new StringReader("short\n" + "y".repeat(100) + "\n"), 99);

        assertThat(lines.next()).isEqualTo("short");
        assertThatThrownBy(lines::next).isInstanceOf(IOException.class).hasMessageContaining("more than 99 characters");
    }

    @Test
    void a_line_at_the_limit_is_read() throws IOException {
        assertThat(all(new ReplyLines(new StringReader("z".repeat(99) + "\n"), 99))).containsExactly("z".repeat(99));
    }

    @Test
    void no_output_has_no_lines() throws IOException {
        assertThat(all(new ReplyLines(new StringReader("")))).isEmpty();
    }

    private static List<String> all(ReplyLines lines) throws IOException {
        List<String> all = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }
}
