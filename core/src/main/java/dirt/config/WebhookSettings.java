package dirt.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/** One {@code [[notify.webhook]]}: a URL to POST notifications to, signed with HMAC-SHA256 when a secret is set. */
public record WebhookSettings(URI url, Optional<String> secret) {
    public WebhookSettings {
        requireNonNull(url, "url is null");
        requireNonNull(secret, "secret is null");
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", secret=" + secret.map(s -> "****") + "]";
    }
}
