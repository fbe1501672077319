package dirt.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.config.WebhookSettings;
import dirt.store.couch.CouchServer;
import dirt.webhook.WebhookClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final WebhookClient http = CouchServer.webhookClient();

    @AfterEach
    void stop_receiver() {
        receiver.close();
    }

    private WebhookChannel channel(Optional<String> secret) {
        return new WebhookChannel(new WebhookSettings(receiver.url(), secret), http, CLOCK);
    }

    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** As a Standard Webhooks receiver verifies: HMAC-SHA256 of "id.timestamp.body", the timestamp within 5 minutes. */
    private static boolean verified(byte[] key, WebhookReceiver.Request request, Instant receivedAt) throws Exception {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signature = request.header("webhook-signature");
        if (id == null || timestamp == null || signature == null
                || Math.abs(receivedAt.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(request.body()));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void posts_the_payload_as_json_with_event_and_delivery_headers() {
        Notification failure = Notifications.failure("t1");

        channel(Optional.empty()).send(failure);

        assertThat(receiver.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.header("X-Dirt-Event")).isEqualTo("failure");
            assertThat(request.header("X-Dirt-Delivery")).isEqualTo(failure.deliveryId());
            assertThat(request.header("webhook-signature")).isNull();
            assertThat(request.body()).isEqualTo(dirt.json.Json.bytes(failure.payload()));
        });
    }

    @Test
    void with_a_secret_the_request_is_signed_as_standard_webhooks_and_a_receiver_can_verify_it() throws Exception {
        Notification failure = Notifications.failure("t1");
        channel(Optional.of("s3cret")).send(failure);

        var request = receiver.requests().get(0);
        assertThat(request.header("webhook-id")).isEqualTo(failure.deliveryId());
        assertThat(request.header("webhook-timestamp")).isEqualTo(String.valueOf(NOW.getEpochSecond()));
        assertThat(request.header("webhook-signature")).startsWith("v1,");
        assertThat(verified("s3cret".getBytes(StandardCharsets.UTF_8), request, NOW.plusSeconds(2))).isTrue();
        assertThat(verified("wrong".getBytes(StandardCharsets.UTF_8), request, NOW.plusSeconds(2))).isFalse();
    }

    @Test
    void a_signed_request_replayed_later_is_rejected_by_its_timestamp() throws Exception {
        channel(Optional.of("s3cret")).send(Notifications.failure("t1"));

        var request = receiver.requests().get(0);
        assertThat(verified("s3cret".getBytes(StandardCharsets.UTF_8), request, NOW.plusSeconds(3600))).isFalse();
    }

    @Test
    void a_standard_webhooks_secret_signs_with_the_key_it_encodes() throws Exception {
        byte[] key = "sixteen byte key".getBytes(StandardCharsets.UTF_8);
        channel(Optional.of("whsec_" + Base64.getEncoder().encodeToString(key))).send(Notifications.failure("t1"));

        assertThat(verified(key, receiver.requests().get(0), NOW)).isTrue();
    }

    @Test
    void a_server_error_is_retryable_and_says_what_the_receiver_answered() {
        receiver.answer(500);

        assertThatThrownBy(() -> channel(Optional.empty()).send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageStartingWith("webhook not delivered: channel=\"webhook:")
                .hasMessageContaining("url=\"http://127.0.0.1:" + receiver.url().getPort() + "/…\" status=500"
                        + " body=\"receiver says no (500)\" — the receiver failed; it is tried again");
    }

    @Test
    void a_not_found_is_final_since_trying_again_cannot_help() {
        receiver.answer(404);

        assertThatThrownBy(() -> channel(Optional.empty()).send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageEndingWith("status=404 body=\"receiver says no (404)\" — check the URL and what the"
                        + " receiver expects");
    }

    @Test
    void an_unreachable_receiver_is_retryable_and_the_message_hides_the_path_which_may_hold_a_token() {
        receiver.close();
        var gone = new WebhookChannel(new WebhookSettings(URI.create(receiver.url() + "/T000/B000/secret-token"),
                Optional.empty()), http, CLOCK);

        assertThatThrownBy(() -> gone.send(Notifications.failure("t1")))
                .isInstanceOfSatisfying(NotifyException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("cause=\"connection refused\" — check that the receiver runs and the URL is"
                        + " right")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void the_channel_id_is_stable_and_does_not_show_the_url() {
        assertThat(channel(Optional.empty()).id()).isEqualTo(channel(Optional.of("x")).id())
                .matches("webhook:[0-9a-f]{8}");
    }
}
