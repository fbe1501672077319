package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the CLI in-process in a given folder and environment, capturing what it prints. */
final class Cli {
    private final Path workingDir;
    private final Map<String, String> env;

    Cli(Path workingDir, Map<String, String> env) {
        this.workingDir = workingDir;
        this.env = env;
    }

    /** Sets [commands] free_form = true in the settings.toml of the project made by 'dirt create' at {@code project}. */
    static void allowAnyCommand(Path project) {
        edit(project, "free_form = false", "free_form = true");
    }

    /** Sends the notifications of the project made by 'dirt create' at {@code project} to the webhook {@code url}. */
    static void addWebhook(Path project, java.net.URI url) {
        edit(project, "# [[notify.webhook]]\n# url = \"https://chat.example.org/hooks/dirt\"\n",
                "[[notify.webhook]]\nurl = \"" + url + "\"\n");
    }

    /** Adds {@code name = "line"} to [commands.named] of the project made by 'dirt create' at {@code project}. */
    static void nameCommand(Path project, String name, String line) {
        edit(project, "[commands.named]\n", "[commands.named]\n" + name + " = \"" + line + "\"\n");
    }

    private static void edit(Path project, String from, String to) {
        Path settings = project.resolve("settings.toml");
        try {
            String text = Files.readString(settings);
            assertThat(text).as("the template's settings.toml").contains(from);
            Files.writeString(settings, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

        /** The site's URL that 'dirt web' prints ({@code open http://127.0.0.1:PORT/}), once it has printed it. */
        String siteUrl() {
            Pattern open = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/) \\(Ctrl-C stops\\)");
            await().atMost(Duration.ofSeconds(10)).until(() -> open.matcher(out()).find() || exitCode.isDone());
            Matcher matcher = open.matcher(out());
            assertThat(matcher.find()).as("out: %s err: %s", out(), err()).isTrue();
            return matcher.group(1);
        }

        /** Interrupts the command and waits (at most 30 s) for it to return; gives what it printed and returned. */
        Run stop() throws Exception {
            thread.interrupt();
            int code = exitCode.get(30, java.util.concurrent.TimeUnit.SECONDS);
            return new Run(code, out(), err());
        }
    }
}
