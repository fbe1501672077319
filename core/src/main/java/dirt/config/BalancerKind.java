package dirt.config;

import java.util.Locale;

/** How serve picks the node for the next task. Written in settings.toml in lowercase, e.g. {@code round_robin}. */
public enum BalancerKind {
    /** Each node in turn. */
    ROUND_ROBIN,
    /** The least loaded node. */
    LOAD;

    /** The word written in settings.toml. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
