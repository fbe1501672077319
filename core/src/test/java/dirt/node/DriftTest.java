package dirt.node;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.json.JsonNull;
import dirt.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static final Instant WHEN = Instant.parse("2026-12-07T10:00:00Z");

    private static JsonObject facts(String java, String... environ) {
        JsonObject.Builder env = JsonObject.builder();
        for (int i = 0; i < environ.length; i += 2) {
            if (environ[i + 1] == null) {
                env.put(environ[i], JsonNull.NULL);
            } else {
                env.put(environ[i], environ[i + 1]);
            }
        }
        return JsonObject.builder().put("java_version", java).put("cpu_count", 4)
                .put("load_average", new java.math.BigDecimal("0.5")).put("probed_at", 1)
                .put("environ", env.build()).build();
    }

    @Test
    void a_changed_fact_and_environment_variables_added_or_removed_are_drift_but_load_and_probe_time_are_not() {
        SysInfo before = new SysInfo(facts("17.0.9", "G4INSTALL", null, "JAVA_HOME", "/opt/jdk17"));
        JsonObject after = facts("21.0.1", "JAVA_HOME", "/opt/jdk21", "CUDA_HOME", null).toBuilder()
                .put("load_average", new java.math.BigDecimal("3.0")).put("probed_at", 2).build();

        var drift = Drift.between(before, new SysInfo(after), WHEN);

        assertThat(drift).extracting(Drift::describe).containsExactly(
                "environ.CUDA_HOME: null → \"(set)\"",
                "environ.G4INSTALL: \"(set)\" → null",
                "environ.JAVA_HOME: \"/opt/jdk17\" → \"/opt/jdk21\"",
                "java_version: \"17.0.9\" → \"21.0.1\"");
    }

    @Test
    void a_secret_looking_variable_shows_only_its_presence_even_if_its_value_was_stored() {
        var drift = Drift.between(new SysInfo(facts("17", "API_TOKEN", "abc")),
                new SysInfo(facts("17", "API_TOKEN", "xyz")), WHEN);

        assertThat(drift).isEmpty();
    }

    @Test
    void the_first_probe_is_not_drift_and_a_node_keeps_the_last_twenty_changes() {
        assertThat(Drift.between(SysInfo.empty(), new SysInfo(facts("17")), WHEN)).isEmpty();

        Node node = Node.create(new NodeName("n"), new SysInfo(facts("1")), WHEN);
        for (int i = 2; i <= 30; i++) {
            node = node.withProbe(new SysInfo(facts(String.valueOf(i))), WHEN.plusSeconds(i));
        }
        assertThat(node.factsChanged()).hasSize(Drift.KEPT);
        assertThat(node.factsChanged().get(Drift.KEPT - 1).describe()).isEqualTo("java_version: \"29\" → \"30\"");
    }

    @Test
    void values_of_secret_looking_variables_are_never_stored() {
        SysInfo stored = new SysInfo(facts("17", "GITHUB_TOKEN", "ghp_x", "DB_PASSWORD", "p", "SSH_KEY_PATH", "k",
                "LANG", "C.UTF-8", "DATABASE_URL", "postgres://ci:hunter2@db/app", "MIRROR", "https://example.org/x"))
                .withoutSecretValues();

        assertThat(stored.facts().object("environ").orElseThrow().toString()).isEqualTo("{\"GITHUB_TOKEN\":null,\"DB_PASSWORD\":null,"
                + "\"SSH_KEY_PATH\":null,\"LANG\":\"C.UTF-8\",\"DATABASE_URL\":null,\"MIRROR\":\"https://example.org/x\"}");
        assertThat(SysInfo.SECRET_WORDS).as("the same list as the agent's Facts.SECRET_WORDS (its FactsTest)")
                .containsExactly("TOKEN", "SECRET", "PASS", "PWD", "KEY", "AUTH", "CREDENTIAL", "PRIVATE", "SESSION",
                        "COOKIE");
    }
}
