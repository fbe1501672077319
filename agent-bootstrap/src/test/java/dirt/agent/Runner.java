package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process agent with the standard ops on a folder of its own, for tests of {@code run}, {@code put_file} and
 * friends: builds requests as maps and reads the parts of responses.
 */
final class Runner implements AutoCloseable {
    private final AtomicLong ids = new AtomicLong();
    private final Path folder;
    private final AgentDriver driver;

    Runner(Path folder, Limits limits) {
        this.folder = folder;
        Clock clock = Clock.systemUTC();
        this.driver = new AgentDriver(log -> AgentServer.standard(Facts.ofThisMachine(clock), folder, clock, limits,
                log));
    }

    Path folder() {
        return folder;
    }

    AgentDriver driver() {
        return driver;
    }

    /** A request: {@code op} and the fields given as key, value, key, value, ...; the id is the next number. */
    Map<String, Object> request(String op, Object... fields) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", ids.incrementAndGet());
        request.put("op", op);
        request.putAll(fields(fields));
        return request;
    }

    /** A run of the command task {@code taskId}, plus {@code fields}. */
    Map<String, Object> command(String taskId, String command, Object... fields) {
        Map<String, Object> request = request("run", "task_id", taskId, "record_id", "r1", "name", "shell",
                "command", command);
        request.putAll(fields(fields));
        return request;
    }

    /** A run of the Java task {@code name} from the shipped {@code jar}, plus {@code fields}. */
    Map<String, Object> java(String taskId, String name, String jar, Object... fields) {
        Map<String, Object> request = request("run", "task_id", taskId, "record_id", "r1", "name", name, "jar", jar);
        request.putAll(fields(fields));
        return request;
    }

    private static Map<String, Object> fields(Object... fields) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            map.put((String) fields[i], fields[i + 1]);
        }
        return map;
    }

    void send(Map<String, Object> request) {
        driver.send(JsonWriter.write(request));
    }

    Map<String, Object> call(Map<String, Object> request) {
        return driver.call(JsonWriter.write(request));
    }

    Map<String, Object> next() {
        return driver.next();
    }

    /** Ships {@code data} into the agent's folder as {@code name} with {@code put_file}. */
    Map<String, Object> put(String name, byte[] data) {
        return call(request("put_file", "name", name, "sha256", FileCache.sha256(data), "data",
                Base64.getEncoder().encodeToString(data)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Map<String, Object> response) {
        return (Map<String, Object>) response.get("result");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attachments(Map<String, Object> response) {
        return (List<Map<String, Object>>) response.get("attachments");
    }

    static List<String> names(Map<String, Object> response) {
        List<String> names = new ArrayList<>();
        attachments(response).forEach(attachment -> names.add((String) attachment.get("name")));
        return names;
    }

    /** The attachment {@code name} of a run's response. */
    static Map<String, Object> attachment(Map<String, Object> response, String name) {
        return attachments(response).stream().filter(attachment -> name.equals(attachment.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment " + name + " in " + names(response)));
    }

    /** The bytes of the attachment {@code name}. */
    static byte[] data(Map<String, Object> response, String name) {
        return Base64.getDecoder().decode((String) attachment(response, name).get("data"));
    }

    static String text(Map<String, Object> response, String name) {
        return new String(data(response, name), UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
