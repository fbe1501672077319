package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void warnings_go_to_stderr_and_serves_lines_to_stdout_with_their_own_pattern() {
        Logging.text(context);

        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root().getAppender("stderr");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(root().getLevel()).isEqualTo(Level.WARN);
        Logger serve = context.getLogger("dirt.serve");
        assertThat(serve.getLevel()).isEqualTo(Level.INFO);
        assertThat(serve.isAdditive()).isFalse();
        assertThat(((ConsoleAppender<?>) serve.getAppender("serve")).getTarget()).isEqualTo("System.out");
        assertThat(context.getLogger("dirt.notify").getAppender("serve")).isNotNull();
    }

    @Test
    void the_json_format_writes_every_line_as_json_on_stdout() {
        Logging.text(context);

        Logging.json(context);

        ConsoleAppender<?> json = (ConsoleAppender<?>) root().getAppender("json");
        assertThat(json.getTarget()).isEqualTo("System.out");
        assertThat(json.getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(root().getAppender("stderr")).isNull();
        assertThat(context.getLogger("dirt.serve").isAdditive()).isTrue();
    }

    @Test
    void verbose_shows_dirts_debug_lines() {
        Logging.text(context);

        Logging.verbose(context);

        assertThat(context.getLogger("dirt.store.couch.CouchClient").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("dirt.serve.Dispatcher").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.example").isDebugEnabled()).isFalse();
    }

    @Test
    void verbose_still_holds_after_switching_to_json() {
        Logging.text(context);
        Logging.verbose(context);

        Logging.json(context);

        assertThat(context.getLogger("dirt.serve.Dispatcher").isDebugEnabled()).isTrue();
    }

    private Logger root() {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
