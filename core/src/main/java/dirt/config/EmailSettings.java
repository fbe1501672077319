package dirt.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code [notify.email]}: notification by email; present only when the section is written. When only one of
 * {@code smtp_port} and {@code security} is set, the other follows from it (465 and ssl, 587 and starttls, otherwise
 * 25 and none). {@code password} is overridden by the environment variable {@code DIRT_SMTP_PASSWORD}.
 */
public record EmailSettings(String smtpHost, int smtpPort, SmtpSecurity security, Optional<String> user,
        Optional<String> password, String from, List<String> to) {
    public static final String DEFAULT_SMTP_HOST = "localhost";
    public static final int DEFAULT_SMTP_PORT = 25;
    public static final SmtpSecurity DEFAULT_SECURITY = SmtpSecurity.NONE;
    public static final String DEFAULT_FROM = "dirt@localhost";

    public EmailSettings {
        requireNonNull(smtpHost, "smtpHost is null");
        requireNonNull(security, "security is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(from, "from is null");
        to = List.copyOf(requireNonNull(to, "to is null"));
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("smtpPort must be between 1 and 65535, got " + smtpPort);
        }
    }

    /** The usual port for a security mode: 465 for ssl, 587 for starttls, 25 for none. */
    public static int defaultPort(SmtpSecurity security) {
        return switch (security) {
            case SSL -> 465;
            case STARTTLS -> 587;
            case NONE -> DEFAULT_SMTP_PORT;
        };
    }

    /** The usual security mode for a port: ssl for 465, starttls for 587, none otherwise. */
    public static SmtpSecurity defaultSecurity(int port) {
        return switch (port) {
            case 465 -> SmtpSecurity.SSL;
            case 587 -> SmtpSecurity.STARTTLS;
            default -> DEFAULT_SECURITY;
        };
    }

    public EmailSettings withPassword(String password) {
        return new EmailSettings(smtpHost, smtpPort, security, user, Optional.of(password), from, to);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "EmailSettings[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", security=" + security + ", user="
                + user + ", password=" + password.map(p -> "****") + ", from=" + from + ", to=" + to + "]";
    }
}
