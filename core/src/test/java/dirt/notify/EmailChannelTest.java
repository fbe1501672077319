package dirt.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dirt.config.EmailSettings;
import dirt.config.SmtpSecurity;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel against GreenMail, a real SMTP server in this JVM on free loopback ports. */
class EmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ci@example.org", "ci", "mail-secret"));

    private static EmailSettings settings(int port, SmtpSecurity security, Optional<String> user,
            Optional<String> password) {
        return new EmailSettings("127.0.0.1", port, security, user, password, "dirt@example.org",
                List.of("you@example.org", "them@example.org"));
    }

    private static EmailChannel plain() {
        return new EmailChannel(settings(mail.getSmtp().getPort(), SmtpSecurity.NONE, Optional.empty(),
                Optional.empty()), Clock.systemUTC());
    }

    @Test
    void sends_the_message_as_plain_text_to_every_recipient() throws Exception {
        Notification failure = Notifications.failure("t1");

        plain().send(failure);

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage first = received[0];
        assertThat(first.getSubject()).isEqualTo("[dirt] FAILED compile_hello on r123 (node build7)");
        assertThat(first.getFrom()[0].toString()).isEqualTo("dirt@example.org");
        assertThat(first.getAllRecipients()).extracting(Object::toString)
                .containsExactly("you@example.org", "them@example.org");
        assertThat(first.getHeader("X-Dirt-Delivery")[0]).isEqualTo(failure.deliveryId());
        assertThat(first.getHeader("X-Dirt-Event")[0]).isEqualTo("failure");
        assertThat(first.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(GreenMailUtil.getBody(first).replace("\r\n", "\n"))
                .contains("reason:    exit code 2", "record.html?id=r123");
    }

    @Test
    void logs_in_when_a_user_is_set() {
        var channel = new EmailChannel(settings(mail.getSmtp().getPort(), SmtpSecurity.NONE, Optional.of("ci"),
                Optional.of("mail-secret")), Clock.systemUTC());

        channel.send(Notifications.failure("t1"));

        assertThat(mail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void a_refused_login_is_final_and_says_which_settings_to_check() {
        var channel = new EmailChannel(settings(mail.getSmtp().getPort(), SmtpSecurity.NONE, Optional.of("ci"),
                Optional.of("wrong")), Clock.systemUTC());

        assertThatThrownBy(() -> channel.send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageStartingWith("email not sent: the SMTP server refused the login: host=\"127.0.0.1\" port="
                        + mail.getSmtp().getPort() + " user=\"ci\"")
                .hasMessageEndingWith("— check [notify.email] user and password (or DIRT_SMTP_PASSWORD)");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void ssl_talks_tls_from_the_first_byte() {
        Properties trustTestCertificate = new Properties();
        trustTestCertificate.put("mail.smtp.ssl.trust", "*");
        trustTestCertificate.put("mail.smtp.ssl.checkserveridentity", "false");
        var channel = new EmailChannel(settings(mail.getSmtps().getPort(), SmtpSecurity.SSL, Optional.empty(),
                Optional.empty()), trustTestCertificate, Clock.systemUTC());

        channel.send(Notifications.failure("t1"));

        assertThat(mail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void ssl_refuses_a_certificate_it_does_not_trust() {
        var channel = new EmailChannel(settings(mail.getSmtps().getPort(), SmtpSecurity.SSL, Optional.empty(),
                Optional.empty()), Clock.systemUTC());

        assertThatThrownBy(() -> channel.send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageStartingWith("email not sent: TLS failed: host=\"127.0.0.1\" port="
                        + mail.getSmtps().getPort() + " security=ssl cause=\"")
                .hasMessageContaining("PKIX path building failed")
                .hasMessageEndingWith("— check [notify.email] security and smtp_port (starttls: usually 587, ssl:"
                        + " 465), and that this JVM trusts the server's certificate");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void starttls_is_required_so_a_server_without_it_gets_nothing_in_plain_text() {
        var channel = new EmailChannel(settings(mail.getSmtp().getPort(), SmtpSecurity.STARTTLS, Optional.empty(),
                Optional.empty()), Clock.systemUTC());

        assertThatThrownBy(() -> channel.send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("TLS failed: host=\"127.0.0.1\" port=" + mail.getSmtp().getPort()
                        + " security=starttls cause=\"STARTTLS is required but host does not support STARTTLS\"");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_server_that_is_down_is_retryable_and_named_in_the_message() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var channel = new EmailChannel(settings(closedPort, SmtpSecurity.NONE, Optional.empty(), Optional.empty()),
                Clock.systemUTC());

        assertThatThrownBy(() -> channel.send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("email not sent: host=\"127.0.0.1\" port=" + closedPort + " security=none"
                        + " cause=\"")
                .hasMessageContaining("Connection refused")
                .hasMessageEndingWith("— check that the SMTP server runs and accepts mail, and [notify.email]"
                        + " smtp_host, smtp_port and security");
    }
}
