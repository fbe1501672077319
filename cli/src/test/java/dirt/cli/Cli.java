package dirt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process in a given folder and environment, capturing what it prints. */
final class Cli {
    private final Path workingDir;
    private final Map<String, String> env;

    Cli(Path workingDir, Map<String, String> env) {
        this.workingDir = workingDir;
        this.env = env;
    }

    Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = Main.commandLine(new Main(workingDir, env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the CLI on another thread, for a command that serves until it is stopped; see {@link Background}. */
    Background start(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = Main.commandLine(new Main(workingDir, env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        var exitCode = new java.util.concurrent.CompletableFuture<Integer>();
        var thread = new Thread(() -> exitCode.complete(cli.execute(args)), "cli-" + String.join("-", args));
        thread.setDaemon(true);
        thread.start();
        return new Background(thread, exitCode, out, err);
    }

    record Run(int exitCode, String out, String err) {}

    /** A command running on its own thread: what it printed so far, and {@link #stop()} to interrupt it. */
    record Background(Thread thread, java.util.concurrent.CompletableFuture<Integer> exitCode, StringWriter outSoFar,
            StringWriter errSoFar) {
        String out() {
            return outSoFar.toString();
        }

        String err() {
            return errSoFar.toString();
        }

        /** Interrupts the command and waits (at most 30 s) for it to return; gives what it printed and returned. */
        Run stop() throws Exception {
            thread.interrupt();
            int code = exitCode.get(30, java.util.concurrent.TimeUnit.SECONDS);
            return new Run(code, out(), err());
        }
    }
}
