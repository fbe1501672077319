package dirt.api;

/**
 * A kwarg a task asked for is missing or has the wrong type. Thrown by the typed getters of {@link TaskContext};
 * a task that lets it escape fails with its message as the reason, which names the kwarg and what to fix.
 */
public final class KwargException extends IllegalArgumentException {
    private final String name;

    KwargException(String name, String message) {
        super(message);
        this.name = name;
    }

    /** The name of the kwarg, as in the task document's {@code "kwargs"} object. */
    public String name() {
        return name;
    }
}
