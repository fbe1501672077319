package dirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpTest {
    private final Cli cli = new Cli(Path.of("."), Map.of());

    @Test
    void help_lists_every_command_the_global_options_and_the_exit_codes() {
        var run = cli.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("quickstart", "create", "couch", "push", "post", "prune", "--couch=URL", "--db=NAME",
                "--project=DIR", "Exit codes:", "3  CouchDB problem");
    }

    @Test
    void create_help_explains_the_arguments() {
        var run = cli.run("create", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("NAME", "DBNAME", "Refuses to touch an existing folder", "--couch=URL");
    }

    @Test
    void an_unknown_command_is_a_usage_error() {
        var run = cli.run("serv");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unmatched argument", "serv");
    }
}
