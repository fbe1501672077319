package dirt.notify;

import static java.util.Objects.requireNonNull;

import dirt.config.EmailSettings;
import dirt.config.SmtpSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * Sends messages as plain-text emails over SMTP with Angus Mail (Jakarta Mail): plain, STARTTLS (required, never a
 * silent fallback to plain text) or SSL from the start, with a login when {@code user} is set. Each message carries
 * {@code X-Dirt-Delivery} and {@code X-Dirt-Event} headers.
 */
final class EmailChannel implements Channel {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    private final EmailSettings settings;
    private final Properties properties;
    private final Clock clock;

    EmailChannel(EmailSettings settings, Clock clock) {
        this(settings, new Properties(), clock);
    }

    /** {@code extra} Jakarta Mail properties win over dirt's, e.g. to trust a test server's certificate. */
    EmailChannel(EmailSettings settings, Properties extra, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.properties = properties(settings);
        this.properties.putAll(requireNonNull(extra, "extra is null"));
    }

    @Override
    public String id() {
        return "email";
    }

    @Override
    public void send(Notification notification) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipients(Message.RecipientType.TO, recipients());
            message.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
            message.setText(notification.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Dirt-Delivery", notification.deliveryId());
            message.setHeader("X-Dirt-Event", notification.kind().event());
            if (settings.user().isPresent()) {
                Transport.send(message, settings.user().get(), settings.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (AuthenticationFailedException e) {
            throw new NotifyException(String.format("email not sent: the SMTP server refused the login: host=\"%s\""
                    + " port=%d user=\"%s\" cause=\"%s\" — check [notify.email] user and password (or %s)",
                    settings.smtpHost(), settings.smtpPort(), settings.user().orElse(""), NotifyException.causes(e),
                    "DIRT_SMTP_PASSWORD"), false, e);
        } catch (AddressException e) {
            throw new NotifyException(String.format("email not sent: invalid address: cause=\"%s\" — check"
                    + " [notify.email] from and to", NotifyException.causes(e)), false, e);
        } catch (MessagingException e) {
            if (isTlsProblem(e)) {
                throw new NotifyException(String.format("email not sent: TLS failed: host=\"%s\" port=%d security=%s"
                        + " cause=\"%s\" — check [notify.email] security and smtp_port (starttls: usually 587, ssl:"
                        + " 465), and that this JVM trusts the server's certificate", settings.smtpHost(),
                        settings.smtpPort(), settings.security().word(), NotifyException.causes(e)), false, e);
            }
            throw new NotifyException(String.format("email not sent: host=\"%s\" port=%d security=%s cause=\"%s\""
                    + " — check that the SMTP server runs and accepts mail, and [notify.email] smtp_host, smtp_port"
                    + " and security", settings.smtpHost(), settings.smtpPort(), settings.security().word(),
                    NotifyException.causes(e)), true, e);
        }
    }

    /** TLS that cannot work as configured: no STARTTLS offered, an untrusted certificate. Trying again won't help. */
    private static boolean isTlsProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || String.valueOf(t.getMessage()).contains("STARTTLS")) {
                return true;
            }
        }
        return false;
    }

    private InternetAddress[] recipients() throws AddressException {
        InternetAddress[] to = new InternetAddress[settings.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(settings.to().get(i));
        }
        return to;
    }

    private static Properties properties(EmailSettings settings) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.smtpHost());
        p.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        p.put("mail.smtp.connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(IO_TIMEOUT.toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(IO_TIMEOUT.toMillis()));
        p.put("mail.smtp.auth", String.valueOf(settings.user().isPresent()));
        if (settings.security() == SmtpSecurity.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        } else if (settings.security() == SmtpSecurity.SSL) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        if (settings.security() != SmtpSecurity.NONE) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public String toString() {
        return "EmailChannel[" + settings + "]";
    }
}
