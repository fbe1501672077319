package dirt.localcouch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Erlang VM arguments of an Apache CouchDB node that dirt starts, the one place they are written: the file
 * {@code vm.args} in the node's folder, which {@code bin/couchdb} reads when {@code COUCHDB_ARGS_FILE} names it. The
 * node is called {@code nodeName}, speaks Erlang distribution on loopback only, logs no Erlang errors to the terminal,
 * reads no input and starts no CPU or memory monitor. {@code cookie} is set on the command line when given; without
 * it Erlang reads {@code .erlang.cookie} from {@code HOME} (as {@code dirt couch} does, so that the cookie never shows
 * in a process list).
 */
public record VmArgs(String nodeName, Optional<String> cookie) {
    /** The file's name in the node's folder. */
    public static final String FILE_NAME = "vm.args";

    public VmArgs {
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(cookie, "cookie is null");
    }

    /** Writes {@link #FILE_NAME} in {@code dir}, replacing what was there; returns the file. */
    public Path writeIn(Path dir) throws IOException {
        return Files.writeString(dir.resolve(FILE_NAME), text());
    }

    /** The node name of the {@link #FILE_NAME} in {@code dir}, when there is one that names its node. */
    public static Optional<String> nodeNameIn(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(file)) {
            return lines.map(String::strip).filter(line -> line.startsWith("-name ")).map(line -> line.substring(6)
                    .strip()).filter(name -> !name.isEmpty()).findFirst();
        }
    }

    /** The file's content, one argument a line. */
    public String text() {
        return "-name " + nodeName + "\n" + cookie.map(c -> "-setcookie " + c + "\n").orElse("") + """
                -kernel inet_dist_use_interface {127,0,0,1}
                -kernel error_logger silent
                -sasl sasl_error_logger false
                -kernel prevent_overlapping_partitions false
                +Bd -noinput
                -os_mon start_cpu_sup false
                -os_mon start_memsup false
                """;
    }
}
