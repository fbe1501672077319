package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.transport.ReplyLines.Line;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyLinesTest {
    @Test
    void lines_end_at_a_newline_with_or_without_a_carriage_return_and_the_last_one_at_the_end() throws IOException {
        assertThat(texts(new ReplyLines(new StringReader("{\"id\":1}\n\r\n{\"id\":2}\r\nlast")))).containsExactly(
                "{\"id\":1}", "", "{\"id\":2}", "last");
    }

    @Test
    void a_line_read_in_many_pieces_is_whole() throws IOException {
        String longLine = "x".repeat(200_000);
        assertThat(texts(new ReplyLines(inPiecesOf(7, longLine + "\r\nnext\n")))).containsExactly(longLine, "next");
    }

    @Test
    void a_line_longer_than_the_limit_is_cut_to_its_start_and_the_next_line_is_read_whole() throws IOException {
        String tooLong = "{\"id\":7," + "y".repeat(5000) + "}";
        List<Line> lines = all(new ReplyLines(inPiecesOf(100, "short\n" + tooLong + "\n{\"id\":8}\n"), 2000));

        assertThat(lines).containsExactly(new Line("short", false), new Line(tooLong.substring(0, ReplyLines.CUT_TO),
                true), new Line("{\"id\":8}", false));
        assertThat(all(new ReplyLines(new StringReader(tooLong + "\r\n{\"id\":8}\n"), 2000))).as("read at once")
                .containsExactly(new Line(tooLong.substring(0, ReplyLines.CUT_TO), true), new Line("{\"id\":8}", false));
    }

    @Test
    void a_line_at_the_limit_is_whole_even_with_its_carriage_return_read_apart() throws IOException {
        String atLimit = "z".repeat(99);
        assertThat(all(new ReplyLines(inPiecesOf(100, atLimit + "\r\n"), 99))).containsExactly(new Line(atLimit,
                false));
        assertThat(all(new ReplyLines(new StringReader(atLimit + "z"), 99))).extracting(Line::cut).containsExactly(
                true);
    }

    @Test
    void no_output_has_no_lines() throws IOException {
        assertThat(all(new ReplyLines(new StringReader("")))).isEmpty();
    }

    private static Reader inPiecesOf(int size, String text) {
        return new StringReader(text) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, size));
            }
        };
    }

    private static List<String> texts(ReplyLines lines) throws IOException {
        return all(lines).stream().map(Line::text).toList();
    }

    private static List<Line> all(ReplyLines lines) throws IOException {
        List<Line> all = new ArrayList<>();
        for (Line line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }
}
