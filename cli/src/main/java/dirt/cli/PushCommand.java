package dirt.cli;

import dirt.store.couch.CouchStore;
import dirt.web.Site;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Create the project's database if it is missing and install or update its web site. Safe to run"
                + " again.")
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
            boolean installed = Site.install(new CouchStore(couch.database(db)), settings.project().name());
            cli.out().printf("%s: %s%n", installed ? "Installed the web site" : "Web site up to date",
                    Site.url(couch.displayUrl() + "/" + db));
        }
        return ExitCodes.OK;
    }
}
