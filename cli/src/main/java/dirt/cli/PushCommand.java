package dirt.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Create the project's database if it is missing, let in users with dirt's roles (its _security),"
                + " and install or update the views and validation its web site and commands read (the design"
                + " document _design/dirt). Safe to run again. 'dirt web' serves the site.")
final class PushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        String db = settings.couch().database();
        try (var database = cli.database(settings)) {
            boolean created = database.createIfMissing();
            cli.out().printf("%s database \"%s\" at %s%n", created ? "Created" : "Found", db, database.displayUrl());
            AccessReport.ensure(cli, database);
            var store = database.store();
            boolean installed = DesignDocuments.install(store, settings.project().name());
            cli.out().printf("%s in database \"%s\"%n", installed ? "Installed the web site's views"
                    : "Web site's views up to date", db);
            cli.out().printf("The site: run 'dirt web' and open %s%n", WebCommand.siteUrl(settings.web()));
        }
        return ExitCodes.OK;
    }
}
