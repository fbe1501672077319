package dirt.cli;

import dirt.DirtException;
import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** A record and its tasks given as {@code dirt post} flags instead of a JSON file. */
final class FlagDocuments {
    @Option(names = "--record", required = true, paramLabel = "ID", description = "The record's _id, e.g. a commit hash.")
    String record;

    @Option(names = "--description", paramLabel = "TEXT", description = "The record's description.")
    String description;

    @Option(names = "--task", paramLabel = "NAME", description = "A task to run on the record (repeatable).")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--command", paramLabel = "NAME",
            description = "A command of the project's [commands.named] to run on the record, or any shell line when"
                    + " [commands] free_form = true (repeatable).")
    List<String> commands = new ArrayList<>();

    @Option(names = "--kwargs", paramLabel = "JSON", description = "kwargs for every --task and --command, a JSON"
            + " object (a [commands.named] line reads them as {kwargs.NAME}).")
    String kwargs;

    @Option(names = "--require", paramLabel = "LINE", description = "A requirement for every task (repeatable),"
            + " e.g. 'architecture is x86_64'.")
    List<String> requires = new ArrayList<>();

    List<JsonObject> documents() {
        if (tasks.isEmpty() && commands.isEmpty()) {
            throw new DirtException("--record " + record + " has no tasks: add --task NAME or --command NAME");
        }
        List<JsonObject> docs = new ArrayList<>();
        JsonObject.Builder recordDoc = JsonObject.builder().put("_id", record).put("type", "record");
        if (description != null) {
            recordDoc.put("description", description);
        }
        docs.add(recordDoc.build());
        for (String name : tasks) {
            docs.add(task(name).build());
        }
        for (String command : commands) {
            docs.add(task(command.strip().split("\\s+")[0]).put("command", command).build());
        }
        return docs;
    }

    private JsonObject.Builder task(String name) {
        JsonObject.Builder task = JsonObject.builder().put("type", "task").put("record_id", record).put("name", name);
        if (!requires.isEmpty()) {
            task.put("requires", JsonArray.ofStrings(requires));
        }
        if (kwargs != null) {
            task.put("kwargs", kwargs());
        }
        return task;
    }

    private Json kwargs() {
        try {
            return Json.parse(kwargs);
        } catch (InvalidJsonException e) {
            throw new DirtException("--kwargs is not valid JSON: " + PostCommand.problem(e)
                    + " — give a JSON object, e.g. --kwargs '{\"foo\": 42}'");
        }
    }
}
