package dirt.cli;

import dirt.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Create the project folder ./NAME: settings.toml, example tasks under tasks/, an example commit hook and"
                    + " sample data (test_data.json); then create its database if it is missing.",
            "Refuses to touch an existing folder."
        })
final class CreateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Project name; also the folder name.")
    String name;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "DBNAME",
            description = "CouchDB database name (default: NAME).")
    String database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        String db = database != null ? database : cli.global().database != null ? cli.global().database : name;
        Path folder = cli.workingDir().resolve(name);
        NewProject.write(cli, folder, name, db);
        var settings = cli.settingsOf(folder);
        try (var database = cli.database(settings)) {
            boolean created = database.createIfMissing();
            cli.out().printf(
                    "%s database \"%s\" at %s%n",
                    created ? "Created" : "Using existing",
                    settings.couch().database(),
                    database.displayUrl());
            AccessReport.ensure(cli, database);
        } catch (StoreException e) {
            cli.err().printf(
                    "dirt: the project folder is ready, but its database is not: %s%n"
                            + "      once CouchDB answers, run 'dirt push' in %s to create it%n",
                    e.getMessage(), folder);
            return ErrorHandler.exitCode(e);
        }
        cli.out().printf("Next: cd %s, read README.md, then 'dirt post test_data.json'%n", name);
        return ExitCodes.OK;
    }
}
