package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code [serve] metrics}: where {@code dirt serve} answers {@code /metrics} and {@code /healthz}. */
class MetricsSettingsTest {
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    private static Settings parse(String toml) {
        return SettingsLoader.parse(toml, Path.of("/work/demo"), Map.of("HOME", "/home/ann"));
    }

    @Test
    void metrics_are_off_unless_the_settings_name_an_address() {
        assertThat(parse(MINIMAL).serve().metrics()).isEmpty();
    }

    @Test
    void metrics_address_is_read_from_the_serve_section() {
        assertThat(parse(MINIMAL + "[serve]\nmetrics = \"127.0.0.1:9464\"\n").serve().metrics())
                .contains(new ListenAddress("127.0.0.1", 9464));
        assertThat(parse(MINIMAL + "[serve]\nmetrics = \"[::1]:9464\"\n").serve().metrics().map(Object::toString))
                .contains("[::1]:9464");
    }

    @Test
    void a_metrics_address_without_a_port_is_reported_with_examples_and_how_to_turn_metrics_off() {
        assertThatThrownBy(() -> parse(MINIMAL + "[serve]\nmetrics = \"9464\"\ntries = 0\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "settings.toml: [serve] tries: must be between 1 and 100, got 0",
                        "settings.toml: [serve] metrics: expected HOST:PORT like \"127.0.0.1:9464\" (this machine"
                                + " only), \"0.0.0.0:9464\" or \"[::1]:9464\", got \"9464\" — or leave it out to serve"
                                + " no metrics"));
    }

    @Test
    void a_metrics_port_out_of_range_is_reported() {
        assertThatThrownBy(() -> parse(MINIMAL + "[serve]\nmetrics = \"127.0.0.1:99999\"\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("settings.toml: [serve] metrics: expected HOST:PORT like"));
    }

    @Test
    void metrics_written_as_a_number_is_reported_as_a_type_problem() {
        assertThatThrownBy(() -> parse(MINIMAL + "[serve]\nmetrics = 9464\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("settings.toml: [serve] metrics: "));
    }

    @Test
    void with_metrics_replaces_only_the_address() {
        ServeSettings serve = ServeSettings.defaults().withMetrics(Optional.of(new ListenAddress("localhost", 0)));
        assertThat(serve.metrics()).contains(new ListenAddress("localhost", 0));
        assertThat(serve.withMetrics(Optional.empty())).isEqualTo(ServeSettings.defaults());
    }
}
