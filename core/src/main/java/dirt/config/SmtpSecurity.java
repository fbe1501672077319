package dirt.config;

import java.util.Locale;

/** How the notification mailer secures its SMTP connection. Written in settings.toml in lowercase, e.g. {@code none}. */
public enum SmtpSecurity {
    /** Plain SMTP. */
    NONE,
    /** Plain SMTP upgraded with STARTTLS (usually port 587). */
    STARTTLS,
    /** TLS from the start (usually port 465). */
    SSL;

    /** The word written in settings.toml. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
