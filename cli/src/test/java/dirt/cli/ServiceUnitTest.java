package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dirt.notify.Notifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd unit the distribution ships ({@code share/systemd/dirt-serve.service}). */
class ServiceUnitTest {
    private static final Path UNIT = Path.of("src/dist/share/systemd/dirt-serve.service");
    private static final String EXEC_START = "ExecStart=/opt/dirt/bin/dirt serve";

    @TempDir
    Path dir;

    private static String unit() throws IOException {
        return Files.readString(UNIT);
    }

    /** The value of {@code key=} in the unit. */
    private static String value(String key) throws IOException {
        Matcher line = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(unit());
        assertThat(line.find()).as(key).isTrue();
        return line.group(1).strip();
    }

    /** The launcher as built ({@code target/dirt/bin/dirt}), else as it is in the sources: the same script. */
    private static Path launcher() {
        Path built = Path.of("target/dirt/bin/dirt");
        return (Files.isExecutable(built) ? built : Path.of("src/dist/bin/dirt")).toAbsolutePath();
    }

    private static boolean systemdAnalyzeIsPresent() throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v systemd-analyze").redirectErrorStream(true).start();
        return which.waitFor(30, TimeUnit.SECONDS) && which.exitValue() == 0;
    }

    @Test
    void the_unit_passes_systemd_analyze_verify() throws Exception {
        assumeTrue(systemdAnalyzeIsPresent(), "systemd-analyze is not installed");
        assertThat(unit()).contains(EXEC_START);
        Path copy = dir.resolve("dirt-serve.service");
        Files.writeString(copy, unit().replace(EXEC_START, "ExecStart=" + launcher() + " serve")
                .replaceAll("(?m)^WorkingDirectory=.*$", "WorkingDirectory=" + dir));

        Process verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true)
                .start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.exitValue()).as(output).isZero();
        List<String> aboutTheUnit = output.lines().filter(line -> line.contains("dirt-serve")).toList();
        assertThat(aboutTheUnit).as("systemd-analyze's complaints about the unit").isEmpty();
    }

    @Test
    void the_unit_stops_serve_with_sigterm_and_waits_longer_than_its_grace_and_the_notifications() throws Exception {
        Matcher grace = Pattern.compile("--grace (\\d+)").matcher(value("ExecStart"));
        assertThat(grace.find()).isTrue();
        Duration stop = Duration.ofSeconds(Long.parseLong(value("TimeoutStopSec").replace("s", "")));

        assertThat(value("User")).isEqualTo("dirt");
        assertThat(value("Restart")).isEqualTo("on-failure");
        assertThat(value("KillSignal")).isEqualTo("SIGTERM");
        assertThat(value("KillMode")).as("SIGTERM to serve only, not to the local node's tasks").isEqualTo("mixed");
        Duration prune = Duration.ofSeconds(10); // DailyPrune.close waits up to 10 s for a prune under way
        assertThat(stop).isGreaterThan(Duration.ofSeconds(Long.parseLong(grace.group(1))).plus(Notifier.STOP_GRACE)
                .plus(prune));
        assertThat(value("SuccessExitStatus")).contains("143");
        assertThat(value("RestartPreventExitStatus")).isEqualTo(String.valueOf(ExitCodes.SETTINGS));
    }
}
