package dirt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Create the project's database if it is missing. Safe to run again.")
final class PushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        String db = settings.couch().database();
        try (var couch = cli.couch(settings)) {
            boolean created = couch.database(db).createIfMissing();
            cli.out().printf("%s database \"%s\" at %s%n", created ? "Created" : "Found", db, couch.displayUrl());
        }
        return ExitCodes.OK;
    }
}
