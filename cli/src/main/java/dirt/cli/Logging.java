package dirt.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Optional;

/**
 * dirt's logging, set up in code rather than from a {@code logback.xml} parsed at every start (which cost each command
 * about a quarter of a second of CPU): warnings and errors on stderr ({@code DIRT_LOG_LEVEL}, default WARN), and the
 * lines of serve and of notifications on stdout ({@code DIRT_SERVE_LOG_LEVEL}, default INFO); or, for
 * {@code serve --log-format json}, every line as one JSON object on stdout. {@code --verbose} logs dirt's debug lines.
 * {@code -Dlogback.configurationFile=FILE} (in {@code DIRT_JAVA_OPTS}) replaces all of it. Logback finds this class
 * through {@code META-INF/services}. Credentials are never logged.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class Logging extends ContextAwareBase implements Configurator {
    private static final String[] SERVE_LOGGERS = {"dirt.serve", "dirt.notify"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        text(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Lines for people: {@code HH:mm:ss.SSS LEVEL logger - message} on stderr; serve's {@code MMM dd HH:mm:ss message}. */
    static void text(LoggerContext context) {
        quiet(context);
        var stderr = appender(context, "stderr", "System.err", pattern(context, "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n"));
        var serve = appender(context, "serve", "System.out", pattern(context, "%d{MMM dd HH:mm:ss} %msg%n"));
        for (String name : SERVE_LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.setLevel(level("DIRT_SERVE_LOG_LEVEL", Level.INFO));
            logger.setAdditive(false);
            logger.addAppender(serve);
        }
        root(context, stderr);
    }

    /**
     * One JSON object per line on stdout, for log shippers: {@code timestamp} (epoch ms), {@code level},
     * {@code threadName}, {@code loggerName}, {@code formattedMessage}, and {@code throwable} when there is one;
     * {@code --verbose}, applied before, still holds.
     */
    static void json(LoggerContext context) {
        boolean verbose = context.getLogger("dirt").getLevel() == Level.DEBUG;
        context.reset();
        quiet(context);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMarkers(false);
        encoder.setWithMDC(false);
        encoder.setWithKVPList(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        for (String name : new String[] {"dirt.serve", "dirt.notify", "dirt.cli"}) {
            context.getLogger(name).setLevel(level("DIRT_SERVE_LOG_LEVEL", Level.INFO));
        }
        root(context, appender(context, "json", "System.out", encoder));
        if (verbose) {
            verbose(context);
        }
    }

    /** dirt's own debug lines too ({@code --verbose}), wherever its lines go. */
    static void verbose(LoggerContext context) {
        context.getLogger("dirt").setLevel(Level.DEBUG);
        for (String name : SERVE_LOGGERS) {
            context.getLogger(name).setLevel(Level.DEBUG);
        }
    }

    private static void quiet(LoggerContext context) {
        NopStatusListener nop = new NopStatusListener();
        context.getStatusManager().add(nop);
    }

    private static void root(LoggerContext context, ConsoleAppender<ILoggingEvent> appender) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level("DIRT_LOG_LEVEL", Level.WARN));
        root.addAppender(appender);
    }

    private static PatternLayoutEncoder pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    private static ConsoleAppender<ILoggingEvent> appender(LoggerContext context, String name, String target,
            Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** The level a system property or environment variable names, as logback.xml's {@code ${NAME:-DEFAULT}} did. */
    private static Level level(String name, Level otherwise) {
        return Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(name)))
                .filter(value -> !value.isBlank()).map(value -> Level.toLevel(value.trim(), otherwise)).orElse(otherwise);
    }
}
