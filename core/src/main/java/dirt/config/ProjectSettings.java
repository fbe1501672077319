package dirt.config;

import static java.util.Objects.requireNonNull;

/** {@code [project]}: {@code name}, the only required key; it is also the default database name. */
public record ProjectSettings(String name) {
    public ProjectSettings {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("project name is blank");
        }
    }
}
