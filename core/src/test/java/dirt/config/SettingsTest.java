package dirt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final Settings DEMO = Settings.defaults("demo", Path.of("/home/ann"));

    @Test
    void couch_url_option_overrides_the_settings() {
        assertThat(DEMO.withCouchUrl(URI.create("http://db:5984")).couch().url()).isEqualTo(URI.create("http://db:5984"));
    }

    @Test
    void credentials_in_the_couch_url_option_replace_the_settings_user_and_password() {
        Settings withUser = DEMO.withCouch(DEMO.couch().withUser("admin").withPassword("secret"));

        var fromUrl = withUser.withCouchUrl(URI.create("http://bob:pw@db:5984")).couch().address();
        var keptUser = withUser.withCouchUrl(URI.create("http://db:5984")).couch().address();

        assertThat(fromUrl.user()).isEmpty();
        assertThat(fromUrl.url().getRawUserInfo()).isEqualTo("bob:pw");
        assertThat(keptUser.user()).contains("admin");
        assertThat(keptUser.password()).contains("secret");
    }

    @Test
    void couch_url_option_must_be_an_http_url() {
        assertThatThrownBy(() -> DEMO.withCouchUrl(URI.create("db:5984")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid CouchDB URL: expected an http(s) URL like \"http://127.0.0.1:5984\", got "
                        + "\"db:5984\" — pass --couch or set DIRT_COUCH_URL to the server's base URL");
    }

    @Test
    void database_option_overrides_the_settings() {
        assertThat(DEMO.withDatabase("demo_test").couch().database()).isEqualTo("demo_test");
    }

    @Test
    void database_option_must_be_a_valid_database_name() {
        assertThatThrownBy(() -> DEMO.withDatabase("Demo"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid database name: \"Demo\" is not a valid CouchDB database name — use lowercase "
                        + "letters, digits and any of _$()+-/, starting with a letter");
    }

    @Test
    void defaults_need_a_project_name_that_can_name_the_database() {
        assertThatThrownBy(() -> Settings.defaults("My Project"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("project name cannot be the database name: \"My Project\" is not a valid CouchDB database "
                        + "name — use lowercase letters, digits and any of _$()+-/, starting with a letter — choose "
                        + "another project name, or name the database with --db NAME");
    }

    @Test
    void secrets_never_show_in_to_string() {
        CouchSettings couch = DEMO.couch().withPassword("hunter2");
        EmailSettings email = new EmailSettings("localhost", 25, SmtpSecurity.NONE, Optional.empty(),
                Optional.of("hunter2"), "dirt@localhost", List.of("a@b.org"));
        WebhookSettings hook = new WebhookSettings(URI.create("https://example.org"), Optional.of("hunter2"));

        assertThat(couch.toString()).doesNotContain("hunter2").contains("password=Optional[****]");
        assertThat(couch.withUrl(URI.create("http://admin:hunter2@db:5984")).toString())
                .doesNotContain("hunter2").contains("url=http://****@db:5984");
        assertThat(email.toString()).doesNotContain("hunter2");
        assertThat(hook.toString()).doesNotContain("hunter2");
    }

    @Test
    void notify_rule_matches_task_names_by_glob() {
        NotifyRule rule = new NotifyRule("compile_*", Set.of(NotifyEvent.FAILURE));

        assertThat(rule.matches("compile_hello")).isTrue();
        assertThat(rule.matches("compile_")).isTrue();
        assertThat(rule.matches("test_compile_hello")).isFalse();
        assertThat(new NotifyRule("examples.?imple", Set.of()).matches("examples.simple")).isTrue();
        assertThat(new NotifyRule("examples.?imple", Set.of()).matches("examplesXsimple")).isFalse();
    }

    @Test
    void first_matching_rule_narrows_the_events_for_a_task() {
        NotifySettings notify = new NotifySettings(NotifySettings.DEFAULT_ON, true, false, Optional.empty(),
                Optional.empty(), List.of(), false,
                List.of(new NotifyRule("compile_*", Set.of(NotifyEvent.FAILURE)), new NotifyRule("*", Set.of())));

        assertThat(notify.eventsFor("compile_hello")).containsExactly(NotifyEvent.FAILURE);
        assertThat(notify.eventsFor("lint")).isEmpty();
    }

    @Test
    void closest_key_is_found_by_edit_distance() {
        assertThat(dirt.DidYouMean.distance("databse", "database")).isEqualTo(1);
        assertThat(dirt.DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(dirt.DidYouMean.closest("conect_timeout", List.of("url", "connect_timeout"))).contains("connect_timeout");
        assertThat(dirt.DidYouMean.closest("workers", List.of("balancer", "task_timeout"))).isEmpty();
    }

    @Test
    void tilde_is_expanded_and_relative_paths_resolve_against_the_project() {
        Path home = Path.of("/home/ann");
        Path project = Path.of("/work/demo");

        assertThat(ConfigValues.path("~/.ssh/config", home, project)).isEqualTo(Path.of("/home/ann/.ssh/config"));
        assertThat(ConfigValues.path("~", home, project)).isEqualTo(home);
        assertThat(ConfigValues.path("keys/ci", home, project)).isEqualTo(Path.of("/work/demo/keys/ci"));
        assertThat(ConfigValues.path("/etc/ssh/config", home, project)).isEqualTo(Path.of("/etc/ssh/config"));
    }
}
