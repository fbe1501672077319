package dirt.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's folder (the node's cache folder), into which dirt ships files such as task jars by name: each checked
 * against its sha-256 and stored atomically, so that a reader never sees half a file. A file whose name holds its
 * sha-256 ({@code tasks-<sha256>.jar}) is hashed again each time it is looked up or used: one that was planted or
 * changed since (tasks run as the agent's user, so permissions alone cannot keep them out) is removed and reported
 * missing, and dirt ships it again.
 */
final class FileCache {
    /** A plain file name: no folders, no leading dot (so neither "." nor ".." nor hidden files). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");
    private static final Pattern HASH_IN_NAME = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path folder;

    FileCache(Path folder) {
        this.folder = requireNonNull(folder, "folder is null").toAbsolutePath();
    }

    /** The folder itself. */
    Path folder() {
        return folder;
    }

    /** Whether the file {@code name} is here, with the content its name promises. */
    boolean has(String name) {
        Path file = resolve(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && intact(name, file);
    }

    /**
     * The path of the file {@code name}, which must be here.
     *
     * @param what names the file in the message, e.g. {@code "jar"}
     * @throws OperationException when it is not here
     */
    Path existing(String name, String what) {
        Path file = resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new OperationException(String.format("unknown %s: name=\"%s\" is not in the agent's folder"
                    + " folder=\"%s\" — ship it with put_file first", what, name, folder));
        }
        if (!intact(name, file)) {
            throw new OperationException(String.format("%s changed since it was shipped: name=\"%s\" folder=\"%s\""
                    + " — removed; dirt ships it again on the next run (check who else writes to that folder)", what,
                    name, folder));
        }
        return file;
    }

    /** Whether a file whose name holds a sha-256 still has it; one that does not is removed. */
    private boolean intact(String name, Path file) {
        Matcher inName = HASH_IN_NAME.matcher(name);
        if (!inName.find()) {
            return true;
        }
        try {
            if (sha256(Files.readAllBytes(file)).equals(inName.group())) {
                return true;
            }
            Files.deleteIfExists(file);
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stores {@code data} as {@code name}, replacing the file there, after checking that its sha-256 is {@code sha256}
     * (and, when the name holds a sha-256 as in {@code tasks-<sha256>.jar}, that it is that one).
     *
     * @throws OperationException for a bad name or a hash that does not match
     */
    void put(String name, String sha256, byte[] data) throws IOException {
        Path target = resolve(name);
        if (!SHA256.matcher(sha256).matches()) {
            throw new OperationException(String.format("put_file refused: name=\"%s\" sha256=\"%s\" is not 64"
                    + " lowercase hex digits — send the file's sha-256 in hex", name, sha256));
        }
        Matcher inName = HASH_IN_NAME.matcher(name);
        if (inName.find() && !inName.group().equals(sha256)) {
            throw new OperationException(String.format("put_file refused: name=\"%s\" holds another hash than"
                    + " sha256=\"%s\" — name a content-addressed file by its own sha-256", name, sha256));
        }
        String actual = sha256(data);
        if (!actual.equals(sha256)) {
            throw new OperationException(String.format("put_file refused: sha256 mismatch: name=\"%s\" expected=\"%s\""
                    + " actual=\"%s\" bytes=%d — the file was damaged on the way; send it again", name, sha256,
                    actual, data.length));
        }
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".put-", ".tmp");
        try {
            Files.write(temp, data);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The path of {@code name} in the folder.
     *
     * @throws OperationException when {@code name} is not a plain file name
     */
    Path resolve(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new OperationException(String.format("bad file name: name=\"%s\" — use a plain file name of"
                    + " letters, digits, '.', '_', '+' and '-' (not starting with '.'), such as"
                    + " \"tasks-<sha256>.jar\", without folders", name));
        }
        return folder.resolve(name);
    }

    /** The sha-256 of {@code data} in lowercase hex. */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
