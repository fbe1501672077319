package dirt.cli;

import dirt.DirtException;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.ConflictException;
import dirt.store.Database;
import dirt.store.Store;
import dirt.store.ViewEntry;
import dirt.store.ViewRange;
import dirt.web.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {"Cancel tasks: a waiting task never starts, a running one is stopped on its node (its whole"
                + " process tree) and completes with reason \"cancelled\". Sets \"cancel\": true on each task"
                + " document, which 'dirt serve' acts on; a completed task is left as it is.",
            "Exit codes: 0 when every named task was cancelled or had already completed, 1 when one is not a task."})
final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TASK", arity = "0..*", description = "The _id of a task to cancel.")
    List<String> taskIds = new ArrayList<>();

    @Option(names = "--record", paramLabel = "RECORD", description = "Cancel every task of this record that has not"
            + " completed.")
    String record;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        if (taskIds.isEmpty() && record == null) {
            throw new DirtException("nothing to cancel: name tasks (dirt cancel TASK...) or a record (--record R)");
        }
        var settings = cli.settings();
        try (Database db = cli.database(settings)) {
            List<String> ids = new ArrayList<>(taskIds);
            if (record != null) {
                ids.addAll(unfinishedTasksOf(db.store(), record, settings.project().name()));
                if (ids.isEmpty() && db.store().get(record).isEmpty()) {
                    cli.err().printf("dirt: cannot cancel record \"%s\": no such document in database \"%s\" — check"
                            + " the id with 'dirt status' or the web site%n", record, db.name());
                    return ExitCodes.FAILED;
                }
                if (ids.isEmpty()) {
                    cli.out().printf("record %s has no unfinished task%n", record);
                }
            }
            int code = ExitCodes.OK;
            for (String id : ids) {
                if (!cancel(cli, db.store(), db.name(), id)) {
                    code = ExitCodes.FAILED;
                }
            }
            return code;
        }
    }

    private static List<String> unfinishedTasksOf(Store store, String record, String project) {
        Site.install(store, project);
        var key = new JsonString(record);
        var range = new ViewRange(JsonArray.of(key), JsonArray.of(key, JsonObject.EMPTY), false, ViewRange.UNLIMITED);
        return store.viewEntries("dirt", "tasks_by_record", range).stream()
                .filter(row -> row.value() instanceof JsonObject value
                        && value.string("status").filter(List.of("waiting", "running")::contains).isPresent())
                .map(ViewEntry::id).toList();
    }

    /** Marks one task; false when it is not a task. */
    private static boolean cancel(CliContext cli, Store store, String database, String id) {
        String[] found = {"no such document in database \"" + database + "\" — check the id with 'dirt status' or the web"
                + " site"};
        Optional<JsonObject> asked;
        try {
            asked = store.update(id, task -> {
                if ("record".equals(Fields.text(task, "type"))) {
                    found[0] = "it is a record, not a task — cancel its tasks with 'dirt cancel --record " + id + "'";
                } else if (!"task".equals(Fields.text(task, "type"))) {
                    found[0] = "not a task document (type \"" + Fields.text(task, "type", "") + "\") in database \""
                            + database + "\"";
                } else if (task.has("completed")) {
                    found[0] = "completed";
                } else if (Fields.bool(task, "cancel")) {
                    found[0] = "asked";
                } else {
                    return task.toBuilder().put("cancel", true).put("cancel_requested", Instant.now().getEpochSecond())
                            .build();
                }
                return null;
            });
        } catch (ConflictException e) {
            throw new DirtException("could not mark task \"" + id + "\" as cancelled: it kept changing — try again");
        }
        if (asked.isPresent()) {
            JsonObject task = asked.get();
            cli.out().printf("%s: cancel asked for (%s)%n", id, task.has("started")
                    ? "running on " + Fields.text(task, "node", "?") + ": 'dirt serve' stops it there"
                    : "waiting: it will not start");
        } else if (found[0].equals("completed")) {
            cli.out().printf("%s had already completed; left as it is%n", id);
        } else if (found[0].equals("asked")) {
            cli.out().printf("%s: cancel already asked for%n", id);
        } else {
            cli.err().printf("dirt: cannot cancel \"%s\": %s%n", id, found[0]);
            return false;
        }
        return true;
    }
}
