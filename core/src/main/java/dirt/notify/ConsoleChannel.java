package dirt.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each message to the log of {@code dirt serve} ({@code [notify] console = true}). */
final class ConsoleChannel implements Channel {
    private static final Logger log = LoggerFactory.getLogger(ConsoleChannel.class);

    @Override
    public String id() {
        return "console";
    }

    @Override
    public void send(Notification notification) {
        StringBuilder body = new StringBuilder();
        notification.text().strip().lines()
                .forEach(line -> body.append('\n').append(line.isBlank() ? "" : "    " + line));
        log.info("{}{}", notification.subject(), body);
    }
}
