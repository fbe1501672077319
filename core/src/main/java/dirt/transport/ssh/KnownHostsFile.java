package dirt.transport.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends accepted host keys to a known_hosts file the way OpenSSH does, hashed ({@code |1|salt|hash}) or not. */
final class KnownHostsFile {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KnownHostsFile() {
    }

    /**
     * Appends {@code name keytype base64} to {@code file}, creating it (and its folder) if needed. A failure is logged,
     * not thrown: as with OpenSSH, the connection goes on and the key is asked about again next time. Appends from
     * this JVM are serialized (dirt serve connects to many nodes at once).
     */
    static synchronized void append(Path file, String name, byte[] key, boolean hashed) {
        String line = (hashed ? hash(name) : name) + " " + keyType(key) + " " + Base64.getEncoder().encodeToString(key);
        try {
            ensureExists(file);
            String prefix = endsWithNewline(file) ? "" : "\n";
            Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            LOG.info("added the host key of {} to {}", name, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not add the host key of {} to known_hosts: path=\"{}\" cause=\"{}\"", name, file,
                    e.toString());
        }
    }

    private static void ensureExists(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return true;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(size - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    /** The key type is the first string of the SSH wire encoding of the public key. */
    static String keyType(byte[] key) {
        int length = ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8) | (key[3] & 0xff);
        return new String(key, 4, length, StandardCharsets.US_ASCII);
    }

    static String hash(String name) {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        return hash(name, salt);
    }

    static String hash(String name, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] digest = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return "|1|" + base64.encodeToString(salt) + "|" + base64.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }
}
