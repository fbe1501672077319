package dirt.localcouch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An Apache CouchDB release folder, as a CouchDB build or package lays it out: {@code bin/couchdb},
 * {@code etc/default.ini} and {@code lib/couch-VERSION}. dirt only reads it; each server keeps its own configuration
 * and data elsewhere, so one release serves any number of servers.
 *
 * @param dir     the release folder, absolute
 * @param version the CouchDB version, e.g. {@code 3.5.0}
 */
public record CouchRelease(Path dir, String version) {
    private static final Pattern COUCH_APP = Pattern.compile("couch-(\\d+\\.\\d+\\.\\d+.*)");

    public CouchRelease {
        dir = requireNonNull(dir, "dir is null").toAbsolutePath().normalize();
        requireNonNull(version, "version is null");
    }

    /**
     * The release in {@code dir}.
     *
     * @throws LocalCouchException when {@code dir} does not hold a CouchDB release
     */
    public static CouchRelease at(Path dir) {
        Path absolute = requireNonNull(dir, "dir is null").toAbsolutePath().normalize();
        if (!Files.isExecutable(absolute.resolve("bin").resolve("couchdb"))
                || !Files.isRegularFile(absolute.resolve("etc").resolve("default.ini"))) {
            throw new LocalCouchException("not an Apache CouchDB release: dir=\"" + absolute + "\" has no bin/couchdb"
                    + " and etc/default.ini — name the folder of a CouchDB 3 build or installed package (the one"
                    + " that holds bin/ and etc/) with --release DIR, [couch] release or DIRT_COUCHDB_HOME");
        }
        return new CouchRelease(absolute, version(absolute).orElse("3"));
    }

    /** {@code bin/couchdb}. */
    Path executable() {
        return dir.resolve("bin").resolve("couchdb");
    }

    /** {@code etc/default.ini}. */
    Path defaultIni() {
        return dir.resolve("etc").resolve("default.ini");
    }

    /** One line for people: {@code CouchDB 3.5.0 from /opt/couchdb}. */
    public String describe() {
        return "CouchDB " + version + " from " + dir;
    }

    private static Optional<String> version(Path dir) {
        try (Stream<Path> apps = Files.list(dir.resolve("lib"))) {
            return apps.map(app -> COUCH_APP.matcher(app.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> match.group(1)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code dir} with symbolic links resolved (what the release's start script runs from), or {@code dir}. */
    static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir;
        }
    }
}
