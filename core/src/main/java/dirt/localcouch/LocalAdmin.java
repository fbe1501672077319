package dirt.localcouch;

import dirt.json.PrettyJson;
import static java.util.Objects.requireNonNull;

import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonObject;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The server admin of the local server that {@code dirt couch start} runs (pouchdb-server, or Apache CouchDB from a
 * release): dirt makes one on first start (user {@code admin}, a random password) and keeps it in {@code admin.json},
 * readable by its owner only, so that nobody has to make up or type a password for a local server. Never printed:
 * {@link #toString()} masks it.
 *
 * @param user     the admin's name
 * @param password the admin's password
 * @param file     where it is kept
 */
public record LocalAdmin(String user, String password, Path file) {
    static final String USER = "admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    public LocalAdmin {
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(file, "file is null");
    }

    /** The admin kept in {@code file}, or empty when there is no such file. */
    static Optional<LocalAdmin> read(Path file) {
        try {
            Json json = Json.parse(Files.readString(file));
            JsonObject object = json instanceof JsonObject o ? o : JsonObject.EMPTY;
            String user = object.string("user").orElse("");
            String password = object.string("password").orElse("");
            if (user.isEmpty() || password.isEmpty()) {
                throw unreadable(file, "it has no user or password", null);
            }
            return Optional.of(new LocalAdmin(user, password, file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | InvalidJsonException e) {
            throw unreadable(file, e.getMessage(), e);
        }
    }

    /** A new admin with a random password, written to {@code file} (mode 0600; fails when the file exists). */
    static LocalAdmin create(Path file) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        LocalAdmin admin = new LocalAdmin(USER, HexFormat.of().formatHex(secret), file);
        JsonObject json = JsonObject.builder().put("user", admin.user).put("password", admin.password).build();
        try {
            writePrivate(file, PrettyJson.text(json) + "\n");
        } catch (IOException e) {
            throw new LocalCouchException("cannot write the local CouchDB's credentials: file=\"" + file
                    + "\" cause=\"" + e.getMessage() + "\" — check that dirt's home folder is writable", e);
        }
        return admin;
    }

    /** Writes {@code text} to a new file that only its owner may read and write. */
    static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    private static LocalCouchException unreadable(Path file, String cause, Throwable e) {
        return new LocalCouchException("cannot read the local CouchDB's credentials: file=\"" + file + "\" cause=\""
                + cause + "\" — stop the server with 'dirt couch stop', delete the file and start it again (dirt"
                + " makes a new admin; the databases are kept)", e);
    }

    @Override
    public String toString() {
        return "LocalAdmin[user=" + user + ", password=****, file=" + file + "]";
    }
}
