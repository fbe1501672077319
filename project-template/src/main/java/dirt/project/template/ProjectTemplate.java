package dirt.project.template;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dirt.project.ProjectException;
import dirt.project.TempFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What {@code dirt create NAME [DBNAME]} writes: {@code settings.toml}, a README, example tasks, an example git hook
 * and sample data. The files are resources listed in {@code index.txt} beside this class; {@code {{name}}},
 * {@code {{database}}}, {@code {{database_url}}} and {@code {{couch_url}}} in them are replaced.
 */
public final class ProjectTemplate {
    private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern COUCH_DATABASE = Pattern.compile("[a-z][a-z0-9_$()+/-]*");
    /** The server a project uses unless {@code dirt create --couch URL} names another. */
    public static final String DEFAULT_COUCH_URL = "http://127.0.0.1:5984";
    /**
     * A server URL as the files may hold it: in a TOML string, a shell word in double quotes and Markdown, so no
     * credentials, quotes, spaces or {@code $}.
     */
    private static final Pattern COUCH_URL = Pattern.compile("https?://[A-Za-z0-9.\\[\\]:-]+(/[A-Za-z0-9._~/%-]*)?");

    private ProjectTemplate() {}

    /** The paths the template writes, relative to the project folder, with '/' separators. */
    public static List<String> files() {
        return index().stream().map(Entry::path).toList();
    }

    /** {@link #write(Path, String, String, String)} for the server at {@link #DEFAULT_COUCH_URL}. */
    public static Path write(Path folder, String name, String database) {
        return write(folder, name, database, DEFAULT_COUCH_URL);
    }

    /**
     * Writes a new project into {@code folder}, which must not exist: the files appear all at once or not at all.
     *
     * @param name the project's name, e.g. {@code builder}: letters, digits, '.', '_' and '-'
     * @param database the CouchDB database, e.g. {@code builder}
     * @param couchUrl the CouchDB server, without credentials, e.g. {@code http://couch.example:5984}: the settings,
     *     the README's examples and the commit hook name it
     * @return {@code folder}
     * @throws ProjectException if the folder exists, a name or the URL is not valid or the files cannot be written
     */
    public static Path write(Path folder, String name, String database, String couchUrl) {
        requireNonNull(folder, "folder is null");
        checkNames(name, database);
        String url = requireNonNull(couchUrl, "couchUrl is null").endsWith("/")
                ? couchUrl.substring(0, couchUrl.length() - 1) : couchUrl;
        if (!COUCH_URL.matcher(url).matches()) {
            throw new ProjectException(String.format("the CouchDB URL \"%s\" cannot go into the project's files — use"
                    + " a plain http(s) URL such as %s, and give credentials in settings.toml or the environment", url,
                    DEFAULT_COUCH_URL));
        }
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyExists(folder);
        }
        Path parent = folder.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = createTempSibling(parent);
            for (Entry entry : index()) {
                writeEntry(temp, entry, name, database, url);
            }
            Files.move(temp, folder);
            temp = null;
            return folder;
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(folder);
        } catch (IOException | UncheckedIOException e) {
            throw new ProjectException(String.format(
                    "cannot create the project: folder=\"%s\" cause=\"%s\" — check that %s is writable",
                    folder, e.getMessage(), parent), e);
        } finally {
            TempFolder.deleteQuietly(temp);
        }
    }

    private static void checkNames(String name, String database) {
        requireNonNull(name, "name is null");
        requireNonNull(database, "database is null");
        if (!PROJECT_NAME.matcher(name).matches()) {
            throw new ProjectException(String.format(
                    "project name \"%s\" is not valid — use letters, digits, '.', '_' and '-', starting with a letter"
                            + " or digit, e.g. \"builder\"",
                    name));
        }
        if (!COUCH_DATABASE.matcher(database).matches()) {
            throw new ProjectException(String.format(
                    "database name \"%s\" is not valid for CouchDB — use a lowercase letter, then lowercase letters,"
                            + " digits or _$()+-/, e.g. \"builder\"",
                    database));
        }
    }

    /** A new hidden folder in {@code parent}, with the default permissions (unlike Files.createTempDirectory). */
    private static Path createTempSibling(Path parent) throws IOException {
        while (true) {
            Path temp = parent.resolve(".dirt-create-" + UUID.randomUUID());
            try {
                return Files.createDirectory(temp);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
        }
    }

    private static ProjectException alreadyExists(Path folder) {
        return new ProjectException(String.format(
                "folder \"%s\" already exists — choose another name or remove it", folder));
    }

    private static void writeEntry(Path root, Entry entry, String name, String database, String couchUrl)
            throws IOException {
        Path file = root.resolve(entry.path());
        Files.createDirectories(file.getParent());
        String text = resource("files/" + entry.resource())
                .replace("{{name}}", name)
                .replace("{{database}}", database)
                .replace("{{database_url}}", urlSegment(database))
                .replace("{{couch_url}}", couchUrl);
        Files.writeString(file, text, UTF_8);
        if (entry.executable()) {
            makeExecutable(file);
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!file.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + file + " executable");
        }
    }

    /** Encodes a database name for a URL path: CouchDB names may hold '/', '+', '$', '(' and ')'. */
    static String urlSegment(String database) {
        StringBuilder out = new StringBuilder(database.length());
        for (char c : database.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    /** One line of {@code index.txt}: {@code path [from=resource] [executable]}. */
    private record Entry(String path, String resource, boolean executable) {}

    private static List<Entry> index() {
        List<Entry> entries = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            String resource = words[0];
            boolean executable = false;
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("executable")) {
                    executable = true;
                } else if (words[i].startsWith("from=")) {
                    resource = words[i].substring("from=".length());
                } else {
                    throw new IllegalStateException("index.txt: unknown option \"" + words[i] + "\" in: " + line);
                }
            }
            entries.add(new Entry(words[0], resource, executable));
        }
        return entries;
    }

    private static String resource(String name) {
        try (InputStream in = ProjectTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template resource dirt/project/template/" + name + " is missing");
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template resource " + name, e);
        }
    }
}
