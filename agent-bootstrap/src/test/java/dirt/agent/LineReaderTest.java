package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static LineReader reader(String text, int maxBytes) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(UTF_8)), maxBytes);
    }

    @Test
    void lines_end_at_newline_dropping_a_carriage_return_and_the_last_needs_none() throws IOException {
        LineReader lines = reader("one\r\ntwo é\n\nlast", 100);

        assertThat(lines.next()).isEqualTo(new LineReader.Line("one", false));
        assertThat(lines.next()).isEqualTo(new LineReader.Line("two é", false));
        assertThat(lines.next()).isEqualTo(new LineReader.Line("", false));
        assertThat(lines.next()).isEqualTo(new LineReader.Line("last", false));
        assertThat(lines.next()).isNull();
    }

    @Test
    void line_over_the_limit_is_reported_with_its_head_and_the_next_one_read() throws IOException {
        LineReader lines = reader("x".repeat(11) + "\nok\n", 10);

        assertThat(lines.next()).isEqualTo(new LineReader.Line("x".repeat(10), true));
        assertThat(lines.next()).isEqualTo(new LineReader.Line("ok", false));
        assertThat(lines.next()).isNull();
    }
}
