package dirt.localcouch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The {@code config.json} that pouchdb-server reads through {@code --config} (and keeps changes made through
 * {@code /_config} in), written before every start: CORS off ({@code httpd.enable_cors = false}, so no web page in a
 * browser may call it across origins) and, when given, the admin. The admin goes in as the hash pouchdb-server itself
 * would write ({@code -pbkdf2-KEY,SALT,ITERATIONS}, PBKDF2-HMAC-SHA1), so the password is never on disk in the clear
 * beside the databases and the server knows its admin from its first request. Other settings in the file are kept.
 */
final class PouchDbConfig {
    /** What pouchdb-server uses; the password is 24 random bytes, so more rounds would only slow every request. */
    static final int ITERATIONS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PouchDbConfig() {
    }

    /** Writes {@code file} (mode 0600) with CORS off and {@code admin}, keeping the other settings it holds. */
    static void write(Path file, Optional<LocalAdmin> admin) {
        ObjectNode config = read(file);
        config.withObject("/httpd").put("enable_cors", false);
        admin.ifPresent(user -> config.withObject("/admins").put(user.user(), hash(user.password())));
        try {
            Files.deleteIfExists(file);
            LocalAdmin.writePrivate(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
        } catch (IOException e) {
            throw new LocalCouchException("cannot write pouchdb-server's configuration: file=\"" + file + "\" cause=\""
                    + e.getMessage() + "\" — check that the folder is writable", e);
        }
    }

    /** {@code -pbkdf2-KEY,SALT,ITERATIONS} as pouchdb-auth writes and reads it (the salt is used as text). */
    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return hash(password, HexFormat.of().formatHex(salt), ITERATIONS);
    }

    static String hash(String password, String salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
                    160);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
            return "-pbkdf2-" + HexFormat.of().formatHex(key) + "," + salt + "," + iterations;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no PBKDF2WithHmacSHA1", e);
        }
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode json = JSON.readTree(Files.readString(file));
            if (json instanceof ObjectNode object) {
                return object;
            }
            throw unreadable(file, "it is not a JSON object", null);
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            throw unreadable(file, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw unreadable(file, e.getMessage(), e);
        }
    }

    private static LocalCouchException unreadable(Path file, String cause, Throwable e) {
        return new LocalCouchException("cannot read pouchdb-server's configuration: file=\"" + file + "\" cause=\""
                + cause + "\" — delete the file and start the server again (dirt writes a new one; the databases are"
                + " kept)", e);
    }
}
