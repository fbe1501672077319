package dirt.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dirt.json.Json;
import dirt.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRequestTest {
    @Test
    void java_task_request_becomes_the_run_op_with_jar_libs_kwargs_and_timeout_in_seconds() throws Exception {
        JsonObject kwargs = JsonObject.builder().put("foo", 42).build();
        RunRequest request = new RunRequest("t1", "r1", "examples.simple", Optional.of("tasks-abc.jar"), kwargs,
                Optional.empty(), Duration.ofMillis(1500), List.of("lib.jar"));

        assertThat(request.toJson()).isEqualTo(Json.parse("{\"op\": \"run\", \"task_id\": \"t1\", \"record_id\":"
                + " \"r1\", \"name\": \"examples.simple\", \"jar\": \"tasks-abc.jar\", \"libs\": [\"lib.jar\"],"
                + " \"kwargs\": {\"foo\": 42}, \"timeout_seconds\": 1.5}"));
    }

    @Test
    void command_request_becomes_the_run_op_with_its_command() throws Exception {
        RunRequest request = new RunRequest("t1", "r1", "tests", Optional.empty(), JsonObject.EMPTY,
                Optional.of("make test"), Duration.ofHours(1));

        assertThat(request.toJson()).isEqualTo(Json.parse("{\"op\": \"run\", \"task_id\": \"t1\", \"record_id\":"
                + " \"r1\", \"name\": \"tests\", \"command\": \"make test\", \"kwargs\": {}, \"timeout_seconds\":"
                + " 3600.0}"));
    }

    @Test
    void request_with_a_task_environment_names_the_variables_the_task_gets() throws Exception {
        RunRequest request = new RunRequest("t1", "r1", "tests", Optional.empty(), JsonObject.EMPTY,
                Optional.of("env"), Duration.ofSeconds(2)).withEnvironment(List.of("PATH", "G4INSTALL"));

        assertThat(request.toJson().get("environment")).contains(Json.parse("[\"PATH\", \"G4INSTALL\"]"));
        assertThat(request.withEnvironment(List.of()).toJson().array("environment")).isPresent();
    }

    @Test
    void request_needs_either_a_jar_or_a_command() {
        JsonObject kwargs = JsonObject.EMPTY;

        assertThatThrownBy(() -> new RunRequest("t1", "r1", "x", Optional.of("a.jar"), kwargs, Optional.of("ls"),
                Duration.ofMinutes(1))).hasMessage("task \"t1\" needs either a jar (a Java task) or a command, not both");
        assertThatThrownBy(() -> new RunRequest("t1", "r1", "x", Optional.empty(), kwargs, Optional.empty(),
                Duration.ofMinutes(1))).hasMessage("task \"t1\" needs either a jar (a Java task) or a command, got"
                        + " neither");
        assertThatThrownBy(() -> new RunRequest("t1", "r1", "x", Optional.empty(), kwargs, Optional.of("ls"),
                Duration.ZERO)).hasMessage("timeout must be positive, got PT0S");
    }

    @Test
    void kwargs_go_to_the_agent_exactly_as_the_task_has_them() {
        JsonObject kwargs = Json.parseObject("{\"price\": 1.50, \"big\": 123456789012345678901234567890,"
                + " \"e\": 1E+2}");
        RunRequest request = new RunRequest("t1", "r1", "x", Optional.empty(), kwargs, Optional.of("ls"),
                Duration.ofMinutes(1));

        assertThat(Json.write(request.toJson().object("kwargs").orElseThrow()))
                .isEqualTo("{\"price\":1.50,\"big\":123456789012345678901234567890,\"e\":1E+2}");
    }

    @Test
    void epoch_seconds_with_a_fraction_become_instants_to_the_microsecond() {
        assertThat(RunOutcome.instant(1714564800.125)).isEqualTo(Instant.parse("2024-05-01T12:00:00.125Z"));
        assertThat(RunOutcome.instant(1714564800.0)).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }
}
