package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import dirt.api.Attachment;
import dirt.api.Result;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The folder through which the agent and the worker JVM that runs a Java task ({@link WorkerMain}) talk about one
 * task, {@code java} beside the task's folder. Standard output and error belong to the task, so everything else goes
 * through files here:
 *
 * <ul>
 *   <li>{@code request.json} (agent → JVM): {@code task_id}, {@code record_id}, {@code name}, {@code jar} and
 *       {@code libs} (absolute paths), {@code kwargs}, {@code work_dir}, {@code log_limit} (bytes),
 *       {@code environment} (the task's whole environment) and {@code end_mark} (what the worker writes to its
 *       standard output and error after the task);
 *   <li>{@code log.txt} (JVM → agent): the task's {@code context.log} lines as they come ({@link TaskLog});
 *   <li>{@code result.json} (JVM → agent, written whole or not at all): {@code success}, {@code reason} (or
 *       {@code null}), {@code values}, and {@code attachments}, each {@code name}, {@code link_name} and
 *       {@code file}: the task's own file, or one in {@code attachments/} holding contents it attached from memory;
 *   <li>{@code exit.txt} (JVM → agent): where the task called {@code System.exit}, when it did;
 *   <li>{@code unfit.txt} (JVM → agent): why the worker may not run another task (a thread the task left running,
 *       a changed system property, ...), when it may not;
 *   <li>{@code processes.txt} (JVM → agent): there when the task started processes, or may have: the agent then ends
 *       those it left running.
 * </ul>
 */
final class JavaHandoff {
    static final String FOLDER = "java";

    private final Path folder;

    JavaHandoff(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    /** What the task's JVM runs: the {@code run} request's fields, with paths resolved. */
    record Request(String taskId, String recordId, String name, Path jar, List<Path> libs, Map<String, Object> kwargs,
            Path workDir, long logLimit, Map<String, String> environment, String endMark) {
        Request {
            libs = List.copyOf(libs);
            environment = Map.copyOf(environment);
        }
    }

    Path folder() {
        return folder;
    }

    Path log() {
        return folder.resolve("log.txt");
    }

    Path exitNote() {
        return folder.resolve("exit.txt");
    }

    Path processesNote() {
        return folder.resolve("processes.txt");
    }

    Path unfitNote() {
        return folder.resolve("unfit.txt");
    }

    private Path result() {
        return folder.resolve("result.json");
    }

    /** Creates the folder and writes the request (the agent's side). */
    void writeRequest(Request request) throws IOException {
        Files.createDirectories(folder);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task_id", request.taskId());
        json.put("record_id", request.recordId());
        json.put("name", request.name());
        json.put("jar", request.jar().toAbsolutePath().toString());
        List<String> libs = new ArrayList<>();
        for (Path lib : request.libs()) {
            libs.add(lib.toAbsolutePath().toString());
        }
        json.put("libs", libs);
        json.put("kwargs", request.kwargs());
        json.put("work_dir", request.workDir().toAbsolutePath().toString());
        json.put("log_limit", request.logLimit());
        json.put("environment", request.environment());
        json.put("end_mark", request.endMark());
        Files.writeString(folder.resolve("request.json"), JsonWriter.write(json), UTF_8);
    }

    /** Reads the request (the JVM's side). */
    @SuppressWarnings("unchecked")
    Request readRequest() throws IOException {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(
                Files.readString(folder.resolve("request.json"), UTF_8));
        List<Path> libs = new ArrayList<>();
        for (Object lib : (List<Object>) json.get("libs")) {
            libs.add(Path.of((String) lib));
        }
        return new Request((String) json.get("task_id"), (String) json.get("record_id"), (String) json.get("name"),
                Path.of((String) json.get("jar")), libs, (Map<String, Object>) json.get("kwargs"),
                Path.of((String) json.get("work_dir")), ((Number) json.get("log_limit")).longValue(),
                (Map<String, String>) json.get("environment"), (String) json.get("end_mark"));
    }

    /** Writes the task's result (the JVM's side): contents attached from memory into files first, then the JSON. */
    void writeResult(Result result) throws IOException {
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (Attachment attachment : result.attachments()) {
            Path file;
            if (attachment.file().isPresent()) {
                file = attachment.file().get();
            } else {
                file = Files.createDirectories(folder.resolve("attachments")).resolve(attachments.size() + ".bin");
                Files.write(file, attachment.contents());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", attachment.fileName());
            entry.put("link_name", attachment.linkName().orElse(null));
            entry.put("file", file.toString());
            attachments.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", result.isSuccess());
        json.put("reason", result.reason().orElse(null));
        json.put("values", result.values());
        json.put("attachments", attachments);
        Path temp = folder.resolve("result.json.tmp");
        Files.writeString(temp, JsonWriter.write(json), UTF_8);
        try {
            Files.move(temp, result(), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, result(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The result the task's JVM reported (the agent's side): {@code success}, {@code reason} when it failed, then the
     * task's values; its attachments are added to {@code attachments}. Empty when the JVM reported none.
     */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> readResult(Attachments attachments) throws IOException {
        if (!Files.isRegularFile(result())) {
            return Optional.empty();
        }
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(Files.readString(result(), UTF_8));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("success", json.get("success"));
        if (json.get("reason") != null) {
            fields.put("reason", json.get("reason"));
        }
        fields.putAll((Map<String, Object>) json.get("values"));
        for (Object item : (List<Object>) json.get("attachments")) {
            Map<String, Object> entry = (Map<String, Object>) item;
            attachments.add((String) entry.get("name"), (String) entry.get("link_name"),
                    Path.of((String) entry.get("file")));
        }
        return Optional.of(fields);
    }

    /** Notes where the task called {@code System.exit} (the JVM's side, while it exits). */
    void writeExitNote(String stackTrace) throws IOException {
        Files.writeString(exitNote(), stackTrace, UTF_8);
    }

    /** Notes that the task started processes, or may have (the JVM's side). */
    void writeProcessesNote() throws IOException {
        Files.writeString(processesNote(), "the task started processes, or may have\n", UTF_8);
    }

    /** Notes why the worker may not run another task (the JVM's side). */
    void writeUnfitNote(String reasons) throws IOException {
        Files.writeString(unfitNote(), reasons, UTF_8);
    }

    /** Where the task called {@code System.exit}, if it did (the agent's side). */
    Optional<String> readExitNote() throws IOException {
        return Files.isRegularFile(exitNote()) ? Optional.of(Files.readString(exitNote(), UTF_8)) : Optional.empty();
    }
}
