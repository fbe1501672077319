package dirt.localcouch;

import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.json.PrettyJson;
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
    private static final SecureRandom RANDOM = new SecureRandom();

    private PouchDbConfig() {
    }

    /** Writes {@code file} (mode 0600) with CORS off and {@code admin}, keeping the other settings it holds. */
    static void write(Path file, Optional<LocalAdmin> admin) {
        JsonObject read = read(file);
        JsonObject.Builder config = read.toBuilder()
                .put("httpd", object(read, "httpd").toBuilder().put("enable_cors", false).build());
        admin.ifPresent(user -> config.put("admins", object(read, "admins").toBuilder()
                .put(user.user(), hash(user.password())).build()));
        try {
            Files.deleteIfExists(file);
            LocalAdmin.writePrivate(file, PrettyJson.text(config.build()) + "\n");
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

    /** The section {@code name} of the configuration; empty when it has none (or it is not an object). */
    private static JsonObject object(JsonObject config, String name) {
        return config.object(name).orElse(JsonObject.EMPTY);
    }

    private static JsonObject read(Path file) {
        try {
            Json json = Json.parse(Files.readString(file));
            if (json instanceof JsonObject object) {
                return object;
            }
            throw unreadable(file, "it is not a JSON object", null);
        } catch (NoSuchFileException e) {
            return JsonObject.EMPTY;
        } catch (InvalidJsonException e) {
            throw unreadable(file, e.getMessage(), e);
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
