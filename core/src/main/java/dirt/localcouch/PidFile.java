package dirt.localcouch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A detached server's pid file: {@code pid=123}, {@code url=http://127.0.0.1:5984} and, for an Apache CouchDB run from
 * a release, {@code release=/path/to/release}; one per line. Without a release line the server is pouchdb-server.
 */
record PidFile(long pid, URI url, Optional<Path> release) {
    PidFile {
        release = release.map(dir -> dir.toAbsolutePath().normalize());
    }

    static Optional<PidFile> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pid file " + file, e);
        }
        Long pid = null;
        URI url = null;
        Path release = null;
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            try {
                if (trimmed.startsWith("pid=")) {
                    pid = Long.parseLong(trimmed.substring(4).strip());
                } else if (trimmed.startsWith("url=")) {
                    url = URI.create(trimmed.substring(4).strip());
                } else if (trimmed.startsWith("release=")) {
                    release = Path.of(trimmed.substring(8).strip());
                } else if (!trimmed.isEmpty() && pid == null && trimmed.chars().allMatch(Character::isDigit)) {
                    pid = Long.parseLong(trimmed);
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return pid == null ? Optional.empty() : Optional.of(new PidFile(pid, url, Optional.ofNullable(release)));
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "pid=" + pid + "\nurl=" + url + "\n"
                    + release.map(dir -> "release=" + dir + "\n").orElse(""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalCouchException("cannot write the pid file: file=\"" + file + "\" cause=\"" + e.getMessage()
                    + "\" — check that dirt's home folder is writable", e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete pid file " + file, e);
        }
    }

    /** "pouchdb-server" or "CouchDB": what the file names, for messages. */
    String serverName() {
        return release.isPresent() ? "CouchDB" : "pouchdb-server";
    }

    /** The live process this file names, if it still is that server (pids get reused). */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::looksLikeTheServer);
    }

    private boolean looksLikeTheServer(ProcessHandle process) {
        Optional<String> commandLine = process.info().commandLine();
        if (commandLine.isEmpty()) {
            return true;
        }
        String line = commandLine.get();
        return release.map(dir -> line.contains(CouchDbLauncher.NODE_PREFIX) || line.contains(dir.toString())
                || line.contains(CouchRelease.realPath(dir).toString())).orElse(line.contains("pouchdb-server"));
    }
}
