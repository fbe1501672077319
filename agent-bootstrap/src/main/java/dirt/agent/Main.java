package dirt.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The agent's command line. For now it only answers {@code --version} and {@code --help}; the agent protocol (line
 * delimited JSON over standard input and output) comes later.
 *
 * <p>Exit codes: 0 success, 2 usage error.
 */
public final class Main {
    static final int OK = 0;
    static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("dirt-agent " + version());
            return OK;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(usage());
            return OK;
        }
        err.println(args.length == 0
                ? "dirt-agent: no command — the agent protocol is not implemented yet"
                : "dirt-agent: unknown arguments: " + String.join(" ", args));
        err.println(usage());
        return USAGE;
    }

    /** The agent's version, e.g. {@code 0.1.0}. */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dirt/agent/version.properties", e);
        }
    }

    private static String usage() {
        return "usage: java -jar dirt-agent-bootstrap.jar [--version | --help]\n"
                + "  --version  print the agent's version and exit\n"
                + "  --help     print this help and exit";
    }
}
