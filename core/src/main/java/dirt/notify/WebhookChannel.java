package dirt.notify;

import static java.util.Objects.requireNonNull;

import dirt.config.WebhookSettings;
import dirt.json.Json;
import dirt.webhook.WebhookClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs the message's JSON payload to a URL, with {@code X-Dirt-Event}, {@code X-Dirt-Delivery} and, when a secret
 * is set, the Standard Webhooks signature headers (see {@link Signature}). A 2xx answer delivers; 408, 429, 5xx and
 * connection failures are tried again; any other answer is final (a 404 will not fix itself). The POST goes through
 * the {@link WebhookClient} the webhooks of a server share.
 */
final class WebhookChannel implements Channel {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final WebhookSettings settings;
    private final WebhookClient http;
    private final Clock clock;
    private final String id;

    WebhookChannel(WebhookSettings settings, WebhookClient http, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.http = requireNonNull(http, "http is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.id = "webhook:" + shortHash(settings.url().toString());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(Notification notification) {
        byte[] body = Json.bytes(notification.payload());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "dirt-notify");
        headers.put("X-Dirt-Event", notification.kind().event());
        headers.put("X-Dirt-Delivery", notification.deliveryId());
        settings.secret().ifPresent(secret -> {
            Instant now = clock.instant();
            headers.put(Signature.ID, notification.deliveryId());
            headers.put(Signature.TIMESTAMP, String.valueOf(now.getEpochSecond()));
            headers.put(Signature.HEADER, Signature.sign(secret, notification.deliveryId(), now, body));
        });
        WebhookClient.Response response;
        try {
            response = http.post(new WebhookClient.Request(settings.url(), headers, body, REQUEST_TIMEOUT));
        } catch (IOException e) {
            throw failure("cause=\"" + NotifyException.causes(e) + "\" — check that the receiver runs and the URL"
                    + " is right", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("cause=\"interrupted\"", true, e);
        }
        int status = response.status();
        if (status / 100 != 2) {
            boolean retryable = status == 408 || status == 429 || status >= 500;
            throw failure("status=" + status + " body=\"" + excerpt(response.body()) + "\""
                    + (retryable ? " — the receiver failed; it is tried again" : " — check the URL and what the"
                            + " receiver expects"), retryable, null);
        }
    }

    private NotifyException failure(String detail, boolean retryable, Throwable cause) {
        return new NotifyException("webhook not delivered: channel=\"" + id + "\" url=\"" + shown(settings.url())
                + "\" " + detail, retryable, cause);
    }

    /** The URL without its path and query, which may hold a token. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }

    private static String excerpt(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ").replace('"', '\'');
        return line.length() > 200 ? line.substring(0, 200) + " …" : line;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookChannel[" + id + ", " + shown(settings.url()) + "]";
    }
}
