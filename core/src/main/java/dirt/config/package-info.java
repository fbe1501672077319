/**
 * Settings: one immutable tree of records ({@link dirt.config.Settings}) loaded from the project's
 * {@code settings.toml} by {@link dirt.config.SettingsLoader}, with typed values ({@link java.time.Duration},
 * {@link java.nio.file.Path}, {@link java.net.URI}, enums), defaults as named constants on each section record, and
 * every problem reported at once in one {@link dirt.config.ConfigException}.
 *
 * <p>Environment overrides (read from an injected map, never from the real environment directly):
 * {@code DIRT_COUCH_URL}, {@code DIRT_COUCH_USER}, {@code DIRT_COUCH_PASSWORD}, {@code DIRT_SSH_CONFIG} and
 * {@code DIRT_SMTP_PASSWORD}; {@code HOME} is used to expand a leading {@code ~/} in paths. The CLI's global options
 * ({@code --couch}, {@code --db}) apply on top with {@link dirt.config.Settings#withCouchUrl} and
 * {@link dirt.config.Settings#withDatabase}.
 */
package dirt.config;
