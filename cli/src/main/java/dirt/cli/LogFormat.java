package dirt.cli;

import ch.qos.logback.classic.LoggerContext;
import dirt.DirtException;
import org.slf4j.LoggerFactory;

/** How {@code dirt serve} writes its log: lines for people, or JSON objects for log shippers ({@link Logging}). */
enum LogFormat {
    TEXT,
    JSON;

    /** Switches logging to this format, for the rest of the process. */
    void apply() {
        if (this == TEXT) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new DirtException("cannot switch the log to JSON: logback is missing from the class path — reinstall"
                    + " dirt, or run without --log-format json");
        }
        Logging.json(context);
    }
}
