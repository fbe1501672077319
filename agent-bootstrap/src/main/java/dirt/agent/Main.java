package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Properties;

/**
 * The agent's command line: {@code java -jar dirt-agent.jar [--serve | --probe | --version | --help]}. Without
 * arguments (or with {@code --serve}) it serves the protocol of {@code PROTOCOL.md} on standard input and output,
 * logging to standard error, until {@code shutdown} or the end of its input.
 *
 * <p>Exit codes: 0 success, 1 reading the requests failed, 2 usage error.
 */
public final class Main {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int REFUSED = 1;

    private Main() {}

    public static void main(String[] args) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        if (isServe(args)) {
            // Standard output carries the protocol: anything else printing there (a library) goes to stderr.
            System.setOut(System.err);
        }
        System.exit(run(args, System.in, stdout, System.err));
    }

    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) {
        if (isServe(args)) {
            return serve(in, out, err);
        }
        PrintStream print = new PrintStream(out, true, UTF_8);
        if (args.length == 1 && args[0].equals("--probe")) {
            print.println(JsonWriter.write(Facts.ofThisMachine(Clock.systemUTC()).probe()));
            return OK;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            print.println("dirt-agent " + version());
            return OK;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            print.println(usage());
            return OK;
        }
        err.println("dirt-agent: unknown arguments: " + String.join(" ", args));
        err.println(usage());
        return USAGE;
    }

    private static boolean isServe(String[] args) {
        return args.length == 0 || List.of(args).equals(List.of("--serve"));
    }

    private static int serve(InputStream in, OutputStream out, PrintStream err) {
        Clock clock = Clock.systemUTC();
        AgentServer server;
        try {
            server = AgentServer.standard(Facts.ofThisMachine(clock), Path.of("").toAbsolutePath(), clock,
                    Limits.STANDARD, line -> err.println("dirt-agent: " + line));
        } catch (OperationException e) {
            err.println("dirt-agent: " + e.getMessage());
            return REFUSED;
        }
        err.printf("dirt-agent: %s serving protocol %d on stdin/stdout: pid=%d java=\"%s\" cwd=\"%s\"%n", version(),
                AgentServer.PROTOCOL, ProcessHandle.current().pid(), Facts.javaVersion(),
                System.getProperty("user.dir"));
        // SIGTERM ends the JVM without ending serve(): stop the runs then too, so no task outlives the agent.
        Thread stopRuns = new Thread(server::closeOperations, "dirt-agent-stop-runs");
        Runtime.getRuntime().addShutdownHook(stopRuns);
        try {
            return server.serve(in, out);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopRuns);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
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
        return "usage: java -jar dirt-agent-bootstrap.jar [--serve | --probe | --version | --help]\n"
                + "  --serve    (the default) answer requests, one JSON object per line, on stdin/stdout until\n"
                + "             'shutdown' or the end of stdin; the protocol is in PROTOCOL.md\n"
                + "  --probe    print this node's facts as one JSON object and exit\n"
                + "  --version  print the agent's version and exit\n"
                + "  --help     print this help and exit";
    }
}
