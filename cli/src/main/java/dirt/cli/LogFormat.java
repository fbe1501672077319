package dirt.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dirt.DirtException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** How {@code dirt serve} writes its log: lines for people ({@code logback.xml}), or JSON objects for log shippers. */
enum LogFormat {
    TEXT,
    JSON;

    /** The logging configuration of the JSON format, on the class path. */
    static final String JSON_CONFIG = "logback-json.xml";

    /** Switches logging to this format, for the rest of the process. */
    void apply() {
        if (this == TEXT) {
            return;
        }
        URL config = LogFormat.class.getClassLoader().getResource(JSON_CONFIG);
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new DirtException("cannot switch the log to JSON: " + JSON_CONFIG + " or logback is missing from"
                    + " the class path — reinstall dirt, or run without --log-format json");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new DirtException("cannot switch the log to JSON: " + e.getMessage(), e);
        }
    }
}
