package dirt.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature, as Standard Webhooks (standardwebhooks.com) defines it, so that a receiver can use any of its
 * libraries: {@code webhook-id} (the delivery id, the same on every retry), {@code webhook-timestamp} (epoch seconds
 * of this attempt) and {@code webhook-signature: v1,BASE64}, BASE64 being the HMAC-SHA256 of
 * {@code ID.TIMESTAMP.BODY}. The key is the secret's UTF-8 bytes, or, for a secret {@code whsec_BASE64} as Standard
 * Webhooks issues them, the bytes BASE64 stands for. A receiver rejects timestamps more than a few minutes off, so a
 * request recorded on the way cannot be replayed later.
 */
final class Signature {
    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String HEADER = "webhook-signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String STANDARD_PREFIX = "whsec_";

    private Signature() {
    }

    /** The value of {@link #HEADER} for a request with these id, time and body. */
    static String sign(String secret, String id, Instant timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(secret), ALGORITHM));
            mac.update((id + "." + timestamp.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static byte[] key(String secret) {
        if (secret.startsWith(STANDARD_PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // not base64 after all: the whole secret is the key, as for any other secret
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
