package dirt.transport.ssh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSch's chatter goes to SLF4J at debug level; only its errors are warnings. */
final class JschLog implements com.jcraft.jsch.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("dirt.transport.ssh.jsch");

    @Override
    public boolean isEnabled(int level) {
        return level >= ERROR ? LOG.isWarnEnabled() : LOG.isDebugEnabled();
    }

    @Override
    public void log(int level, String message) {
        if (level >= ERROR) {
            LOG.warn(message);
        } else {
            LOG.debug(message);
        }
    }

    @Override
    public void log(int level, String message, Throwable cause) {
        if (level >= ERROR) {
            LOG.warn(message, cause);
        } else {
            LOG.debug(message, cause);
        }
    }
}
