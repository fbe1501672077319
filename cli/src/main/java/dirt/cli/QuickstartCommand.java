package dirt.cli;

import dirt.DirtException;
import dirt.config.Settings;
import dirt.config.SettingsLoader;
import dirt.node.NodeName;
import dirt.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Get a working setup on this machine in one go: start a local CouchDB-compatible server if no CouchDB"
                    + " answers at the configured URL (installing it on first use), create the project ./NAME"
                    + " (or reuse it) and its database, register this machine as the node \"local\", post the sample"
                    + " records, run their tasks, and say where to look. Safe to run again."
        })
final class QuickstartCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "NAME", defaultValue = "demo", description = "Project name (default: demo).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var cli = CliContext.of(spec);
        Path folder = cli.workingDir().resolve(name);
        boolean exists = Files.exists(folder);
        if (exists && !Files.exists(folder.resolve(SettingsLoader.FILE_NAME))) {
            throw new DirtException(String.format(
                    "folder \"%s\" exists and is not a dirt project (no %s) — choose another name: dirt quickstart NAME",
                    name, SettingsLoader.FILE_NAME));
        }
        var settings = cli.settingsOrDefaults(folder, name);
        new LocalServer(cli).ensureRunning(settings);
        if (exists) {
            cli.out().printf("Using the existing project in %s%n", folder);
        } else {
            NewProject.write(cli, folder, name, settings.couch().database());
            settings = cli.settingsOf(folder);
        }
        try (var database = cli.database(settings)) {
            boolean created = database.createIfMissing();
            cli.out().printf(
                    "%s database \"%s\" at %s%n",
                    created ? "Created" : "Using",
                    settings.couch().database(),
                    database.displayUrl());
            var store = database.store();
            registerLocalNode(cli, store, settings);
            List<String> samples = SampleData.post(cli, store, folder.resolve("test_data.json"), settings.commands());
            cli.out().println("Running the sample tasks on the node \"local\" (dirt serve --until-done):");
            cli.out().flush();
            new ServeRun(cli, folder, settings, Duration.ofSeconds(10), "quickstart", false).run(database, true,
                    Optional.empty());
            SampleData.summary(cli, store, samples);
        }
        printNextSteps(cli, folder, WebCommand.siteUrl(settings.web()));
        return ExitCodes.OK;
    }

    private static void registerLocalNode(CliContext cli, Store store, Settings settings) {
        var outcome = Probes.probe(cli, store, settings, List.of(new NodeName(Probes.LOCAL)),
                name -> Probes.local(cli, settings), done -> {}).get(0);
        if (!outcome.ok()) {
            throw new DirtException("could not register this machine as the node \"local\": "
                    + outcome.error().orElseThrow());
        }
        cli.out().printf("Registered this machine as the node \"local\" (%d slots)%n",
                outcome.node().orElseThrow().slots());
    }

    private static void printNextSteps(CliContext cli, Path folder, String site) {
        String home = cli.env().get("DIRT_HOME");
        cli.out().println();
        cli.out().println("Next:");
        if (home != null) {
            cli.out().printf("  export PATH=\"%s/bin:$PATH\"     # put dirt on your PATH%n", home);
        }
        cli.out().printf("  cd %s%n", cli.workingDir().relativize(folder));
        cli.out().println("  dirt serve                      # run tasks as they are posted (Ctrl-C stops)");
        cli.out().println("  dirt post --wait --record r125 --task examples.simple"
                + "   # (in another terminal) post a record and a task, wait for its result");
        cli.out().println("  dirt nodes                      # the nodes that run them");
        cli.out().printf("  dirt web                        # the web site at %s (Ctrl-C stops)%n", site);
        cli.out().println("  less README.md                  # how tasks, records and requirements work");
    }
}
