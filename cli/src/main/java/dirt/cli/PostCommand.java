package dirt.cli;

import dirt.DirtException;
import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(
        name = "post",
        mixinStandardHelpOptions = true,
        description = {
            "Post records and tasks to the database, like curl to _bulk_docs but checked first.",
            "FILE holds {\"docs\": [...]}, a JSON array of documents, or one document; '-' reads stdin.",
            "Every task and record is validated before anything is stored: if one is invalid, every problem is"
                    + " listed and nothing is posted. A missing 'created' is set to now.",
            "Or from flags: dirt post --record r125 --description 'nightly' --task examples.simple"
                    + " --command disk_free --kwargs '{\"path\": \"/\"}' --wait"
        })
final class PostCommand implements Callable<Integer> {
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
        List<JsonObject> docs = new ArrayList<>();
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
            List<JsonObject> toPost = new ArrayList<>(batch.docs());
            if (flags != null && store.get(flags.record).isPresent()) {
                toPost.removeIf(doc -> flags.record.equals(Fields.text(doc, "_id")));
            }
            var results = store.putAll(toPost);
            int code = new BulkReport(results, toPost).print(cli, json);
            if (!await || code != ExitCodes.OK) {
                return code;
            }
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if ("task".equals(Fields.text(toPost.get(i), "type"))) {
                    tasks.add(results.get(i).id());
                }
            }
            return TaskWait.await(cli, store, tasks, java.time.Duration.ofSeconds(timeoutSeconds));
        }
    }

    private static List<JsonObject> read(Path base, String file) throws IOException {
        byte[] text;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(base.resolve(file))) {
            text = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new DirtException("no such file: " + file);
        }
        Json root = parse(file, text);
        Json list = root instanceof JsonObject object && object.has("docs") ? object.get("docs").orElseThrow() : root;
        if (list != root && !(list instanceof JsonArray)) {
            throw new DirtException(String.format("%s: \"docs\" must be an array of documents, got %s — nothing was"
                    + " posted", file, list.type().toUpperCase(Locale.ROOT)));
        }
        if (list instanceof JsonObject doc) {
            return List.of(doc);
        }
        if (!(list instanceof JsonArray array)) {
            throw new DirtException(file + ": expected {\"docs\": [...]}, an array of documents or one document");
        }
        List<JsonObject> docs = new ArrayList<>();
        int index = 0;
        for (Json doc : array) {
            if (!(doc instanceof JsonObject object)) {
                throw new DirtException(String.format("%s: docs[%d] is %s, not a JSON object — nothing was posted",
                        file, index, doc.type().toUpperCase(Locale.ROOT)));
            }
            docs.add(object);
            index++;
        }
        return docs;
    }

    /** The JSON value of {@code text}; JSON null for none at all, which is not a document either. */
    private static Json parse(String file, byte[] text) {
        if (new String(text, StandardCharsets.UTF_8).isBlank()) {
            return JsonNull.NULL;
        }
        try {
            return Json.parse(text);
        } catch (InvalidJsonException e) {
            String problem = problem(e);
            String hint = problem.startsWith("there is more after the JSON value")
                    ? "; several documents go in one array or in {\"docs\": [...]}" : "";
            throw new DirtException(String.format("%s is not valid JSON: %s at line %d, column %d — nothing was posted%s",
                    file, problem, e.line(), e.column(), hint));
        }
    }

    /** What the reader found wrong, without the place its message starts with. */
    static String problem(InvalidJsonException e) {
        String message = e.getMessage();
        int start = message.indexOf("problem=\"");
        return start < 0 || !message.endsWith("\"") ? message
                : message.substring(start + "problem=\"".length(), message.length() - 1);
    }
}
