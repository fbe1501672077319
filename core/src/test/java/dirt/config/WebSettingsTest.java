package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code [web] listen}: where {@code dirt web} serves the site. */
class WebSettingsTest {
    private static final String MINIMAL = "[project]\nname = \"demo\"\n";

    private static Settings parse(String toml) {
        return SettingsLoader.parse(toml, Path.of("/work/demo"), Map.of("HOME", "/home/ann"));
    }

    @Test
    void the_site_listens_on_loopback_port_5985_by_default() {
        assertThat(parse(MINIMAL).web()).isEqualTo(new WebSettings("127.0.0.1", 5985));
        assertThat(WebSettings.defaults().listen()).isEqualTo("127.0.0.1:5985");
    }

    @Test
    void listen_is_read_from_the_web_section() {
        assertThat(parse(MINIMAL + "[web]\nlisten = \"0.0.0.0:8080\"\n").web()).isEqualTo(new WebSettings("0.0.0.0",
                8080));
        assertThat(parse(MINIMAL + "[web]\nlisten = \"[::1]:5985\"\n").web().listen()).isEqualTo("[::1]:5985");
    }

    @Test
    void a_listen_without_a_port_and_an_unknown_key_are_reported_together() {
        assertThatThrownBy(() -> parse(MINIMAL + "[web]\nlisten = \"localhost\"\nport = 80\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "settings.toml: [web] listen: expected HOST:PORT like \"127.0.0.1:5985\", \"0.0.0.0:8080\" or"
                                + " \"[::1]:5985\", got \"localhost\"",
                        "settings.toml: [web] port: unknown key — known keys: listen"));
    }

    @Test
    void parse_refuses_a_port_out_of_range_and_an_unbracketed_ipv6_address() {
        assertThatThrownBy(() -> WebSettings.parse("127.0.0.1:70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSettings.parse("::1:5985")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WebSettings.parse(" localhost:0 ")).isEqualTo(new WebSettings("localhost", 0));
    }
}
