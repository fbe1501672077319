package dirt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** A record and its tasks given as {@code dirt post} flags instead of a JSON file. */
final class FlagDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Option(names = "--kwargs", paramLabel = "JSON", description = "kwargs for every --task, a JSON object.")
    String kwargs;

    @Option(names = "--require", paramLabel = "LINE", description = "A requirement for every task (repeatable),"
            + " e.g. 'architecture is x86_64'.")
    List<String> requires = new ArrayList<>();

    List<ObjectNode> documents() {
        if (tasks.isEmpty() && commands.isEmpty()) {
            throw new DirtException("--record " + record + " has no tasks: add --task NAME or --command NAME");
        }
        List<ObjectNode> docs = new ArrayList<>();
        ObjectNode recordDoc = JSON.createObjectNode().put("_id", record).put("type", "record");
        if (description != null) {
            recordDoc.put("description", description);
        }
        docs.add(recordDoc);
        for (String name : tasks) {
            ObjectNode task = task(name);
            if (kwargs != null) {
                task.set("kwargs", kwargs());
            }
            docs.add(task);
        }
        for (String command : commands) {
            docs.add(task(command.strip().split("\\s+")[0]).put("command", command));
        }
        return docs;
    }

    private ObjectNode task(String name) {
        ObjectNode task = JSON.createObjectNode().put("type", "task").put("record_id", record).put("name", name);
        if (!requires.isEmpty()) {
            ArrayNode lines = task.putArray("requires");
            requires.forEach(lines::add);
        }
        return task;
    }

    private JsonNode kwargs() {
        try {
            return JSON.readTree(kwargs);
        } catch (JsonProcessingException e) {
            throw new DirtException("--kwargs is not valid JSON: " + e.getOriginalMessage()
                    + " — give a JSON object, e.g. --kwargs '{\"foo\": 42}'");
        }
    }
}
