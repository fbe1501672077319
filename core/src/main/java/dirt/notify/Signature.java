package dirt.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Dirt-Signature: sha256=HEX}, HEX being the lowercase hex HMAC-SHA256 of the exact
 * request body with the webhook's {@code secret} (UTF-8) as the key. A receiver computes the same over the bytes it
 * got and compares in constant time.
 */
final class Signature {
    static final String HEADER = "X-Dirt-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private Signature() {
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
