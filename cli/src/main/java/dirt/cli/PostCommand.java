package dirt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.DirtException;
import dirt.json.JacksonBridge;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "post",
        mixinStandardHelpOptions = true,
        description = {
            "Post records and tasks to the database, like curl to _bulk_docs but checked first.",
            "FILE holds {\"docs\": [...]}, a JSON array of documents, or one document; '-' reads stdin.",
            "Every task and record is validated before anything is stored: if one is invalid, every problem is"
                    + " listed and nothing is posted. A missing 'created' is set to now.",
            "Or from flags: dirt post --record r125 --description 'nightly' --task examples.simple"
                    + " --command 'make test' --wait"
        })
final class PostCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "JSON files to post ('-' for stdin).")
    List<String> files = new ArrayList<>();

    @CommandLine.ArgGroup(exclusive = false, heading = "%nOr from flags, without a file:%n")
    FlagDocuments flags;

    @Option(names = "--json", description = "Print the per-document results as JSON.")
    boolean json;

    @Option(names = "--wait", description = "Then wait until the posted tasks are done; exit 1 if any failed, 5 if"
            + " they are not done within --timeout.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "With --wait: give up after this long and exit 5 (default: 3600).")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        var cli = CliContext.of(spec);
        List<ObjectNode> docs = new ArrayList<>();
        for (String file : files) {
            docs.addAll(read(cli.workingDir(), file));
        }
        if (flags != null) {
            docs.addAll(flags.documents());
        }
        if (docs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give a FILE, or --record with --task/--command");
        }
        var settings = cli.settings();
        var batch = DocumentBatch.check(docs, settings.commands(), Clock.systemUTC());
        if (!batch.problems().isEmpty()) {
            batch.problems().forEach(problem -> cli.err().println("dirt: " + problem));
            cli.err().printf("dirt: nothing was posted: fix the %d problem(s) above and post again%n", batch.problems().size());
            return ExitCodes.FAILED;
        }
        try (var project = cli.database(settings)) {
            var store = project.store();
            List<ObjectNode> toPost = new ArrayList<>(batch.docs());
            if (flags != null && store.get(flags.record).isPresent()) {
                toPost.removeIf(doc -> flags.record.equals(doc.path("_id").asText()));
            }
            var results = store.putAll(JacksonBridge.objects(toPost));
            int code = new BulkReport(results, toPost).print(cli, json);
            if (!await || code != ExitCodes.OK) {
                return code;
            }
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if ("task".equals(toPost.get(i).path("type").asText())) {
                    tasks.add(results.get(i).id());
                }
            }
            return TaskWait.await(cli, store, tasks, java.time.Duration.ofSeconds(timeoutSeconds));
        }
    }

    private static List<ObjectNode> read(Path base, String file) throws IOException {
        JsonNode root;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(base.resolve(file))) {
            root = JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new DirtException("no such file: " + file);
        } catch (JsonProcessingException e) {
            throw new DirtException(String.format(
                    "%s is not valid JSON: %s at line %d, column %d — nothing was posted",
                    file, e.getOriginalMessage(), e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
        }
        if (root == null) {
            throw new DirtException(file + " is empty — nothing was posted");
        }
        JsonNode list = root.isObject() && root.has("docs") ? root.get("docs") : root;
        if (list.isObject()) {
            return List.of((ObjectNode) list);
        }
        if (!list.isArray()) {
            throw new DirtException(file + ": expected {\"docs\": [...]}, an array of documents or one document");
        }
        List<ObjectNode> docs = new ArrayList<>();
        int index = 0;
        for (JsonNode doc : (ArrayNode) list) {
            if (!doc.isObject()) {
                throw new DirtException(String.format(
                        "%s: docs[%d] is %s, not a JSON object — nothing was posted", file, index, doc.getNodeType()));
            }
            docs.add((ObjectNode) doc);
            index++;
        }
        return docs;
    }
}
