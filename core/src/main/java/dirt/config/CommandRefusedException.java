package dirt.config;

import dirt.DirtException;

/** A task's command may not run in this project; the message names the setting that would allow it. */
public final class CommandRefusedException extends DirtException {
    public CommandRefusedException(String message) {
        super(message);
    }
}
