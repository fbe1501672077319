package dirt.cli;

import dirt.DirtException;
import dirt.config.RetentionSettings;
import dirt.json.PrettyJson;
import dirt.retention.PruneReport;
import dirt.retention.Pruner;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Delete what the project's [retention] lets go: records older than keep_records with their tasks (but"
                    + " those of the last keep_last_runs runs of each task name, and those with a failed task until"
                    + " keep_failed), and the files of passed runs older than keep_passed_files (their results"
                    + " stay); then ask CouchDB to compact. A record with a waiting or running task, and the last run"
                    + " of each schedule, are always kept. 'dirt serve' does the same once a day.",
            "Deleting takes a dirt server (the role dirt_server, or a database admin); compacting a database admin.",
            "Exit codes: 0 done (or nothing to do), 1 no [retention] in settings.toml or not allowed to delete, 3"
                    + " CouchDB problem."
        })
final class PruneCommand implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Only print what would go, with counts and bytes; delete nothing."
            + " Without [retention] it shows what the defaults would do.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the report as JSON: counts, bytes, the ids of the records that"
            + " go and of the runs that lose their files, why records stay, and the compaction.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        var settings = cli.settings();
        if (settings.retention().isEmpty() && !dryRun) {
            throw new DirtException("nothing is pruned: settings.toml has no [retention] section — add one (an empty"
                    + " [retention] applies the defaults: keep_records = \"90d\", keep_last_runs = 20, keep_failed ="
                    + " \"180d\", keep_passed_files = \"30d\"); 'dirt prune --dry-run' shows what would go");
        }
        RetentionSettings retention = settings.retention().orElse(RetentionSettings.defaults());
        try (var project = cli.database(settings)) {
            var store = project.store();
            PruneReport report = new Pruner(store, retention, Clock.systemUTC()).prune(dryRun);
            if (json) {
                cli.out().println(PrettyJson.text(report.json()));
            } else {
                cli.out().printf("dirt prune: database \"%s\" at %s%s%n", settings.couch().database(),
                        project.displayUrl(), dryRun ? " (dry run: nothing is deleted)" : "");
                if (settings.retention().isEmpty()) {
                    cli.out().println("settings.toml has no [retention]: these are the defaults, which apply once an"
                            + " empty [retention] is added");
                }
                report.lines().forEach(cli.out()::println);
                if (!dryRun && report.compaction().isEmpty()) {
                    cli.out().println("compaction: not needed, nothing was deleted");
                }
            }
        }
        return ExitCodes.OK;
    }
}
