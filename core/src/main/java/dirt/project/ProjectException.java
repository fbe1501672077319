package dirt.project;

import dirt.DirtException;

/** A project folder is missing, malformed or cannot be written. */
public final class ProjectException extends DirtException {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
