package dirt.localcouch;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs pouchdb-server with npm into a folder, once, under a file lock so parallel builds don't collide. */
final class PouchDbInstaller {
    static final String VERSION = "4.2.0";
    static final String NEEDS_NODE = "pouchdb-server needs Node.js and npm: apt-get install nodejs npm";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Object LOCK = new Object();
    private static final Logger log = LoggerFactory.getLogger(LocalCouch.class);

    private final String searchPath;

    /** @param searchPath the PATH to find {@code node} and {@code npm} on */
    PouchDbInstaller(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    static PouchDbInstaller fromEnvironment() {
        return new PouchDbInstaller(System.getenv("PATH"));
    }

    /** The pouchdb-server script below {@code installDir} (whether or not it is installed). */
    static Path script(Path installDir) {
        return installDir.resolve("node_modules").resolve("pouchdb-server").resolve("bin").resolve("pouchdb-server");
    }

    static boolean isInstalled(Path installDir) {
        Path packageJson = installDir.resolve("node_modules").resolve("pouchdb-server").resolve("package.json");
        try {
            return Files.isRegularFile(script(installDir)) && Files.isRegularFile(packageJson)
                    && Files.readString(packageJson, StandardCharsets.UTF_8)
                            .matches("(?s).*\"version\"\\s*:\\s*\"" + VERSION.replace(".", "\\.") + "\".*");
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code node} executable, or a {@link LocalCouchException} that says what to install. */
    Path node() {
        return executable("node").or(() -> executable("nodejs"))
                .orElseThrow(() -> new LocalCouchException(NEEDS_NODE));
    }

    Path ensureInstalled(Path installDir) {
        Path dir = installDir.toAbsolutePath().normalize();
        if (isInstalled(dir)) {
            return script(dir);
        }
        Path npm = executable("npm").orElseThrow(() -> new LocalCouchException(NEEDS_NODE));
        node();
        synchronized (LOCK) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    try {
                        if (!isInstalled(dir)) {
                            install(npm, dir);
                        }
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new LocalCouchException("cannot install pouchdb-server: dir=\"" + dir + "\" cause=\""
                        + e.getMessage() + "\" — check that the folder is writable", e);
            }
        }
        return script(dir);
    }

    private void install(Path npm, Path dir) throws IOException {
        Path npmLog = dir.resolve("npm-install.log");
        List<String> command = List.of(npm.toString(), "install", "--prefix", dir.toString(), "--no-audit",
                "--no-fund", "--ignore-scripts", "--save-exact", "--loglevel=error", "pouchdb-server@" + VERSION);
        log.info("installing pouchdb-server@{} into {} with npm (takes about a minute)", VERSION, dir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(npmLog.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PATH", searchPath);
        Process npmProcess = builder.start();
        try {
            if (!npmProcess.waitFor(NPM_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                npmProcess.destroyForcibly();
                throw new LocalCouchException("npm did not finish installing pouchdb-server@" + VERSION + " within "
                        + NPM_TIMEOUT.toMinutes() + " minutes: dir=\"" + dir + "\" log=\"" + npmLog
                        + "\" — check network access to the npm registry, then retry");
            }
        } catch (InterruptedException e) {
            npmProcess.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalCouchException("interrupted while installing pouchdb-server: dir=\"" + dir + "\"", e);
        }
        if (npmProcess.exitValue() != 0 || !isInstalled(dir)) {
            throw new LocalCouchException("npm could not install pouchdb-server@" + VERSION + ": exit="
                    + npmProcess.exitValue() + " dir=\"" + dir + "\" log=\"" + npmLog + "\" — see the log, check"
                    + " network access to the npm registry, then retry. Last lines:\n" + LogTail.of(npmLog, 15));
        }
        log.info("installed pouchdb-server@{} into {}", VERSION, dir);
    }

    Optional<Path> executable(String name) {
        for (String entry : searchPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
