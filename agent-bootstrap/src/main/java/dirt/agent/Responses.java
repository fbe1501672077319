package dirt.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Builds responses: {@code {"id": 7, "ok": true, ...}} and {@code {"id": 7, "ok": false, "error": "..."}}. */
final class Responses {
    private Responses() {}

    /** Runs {@code operation} and returns its response, an error response if it fails. */
    static Map<String, Object> answer(Operation operation, Request request, Consumer<String> log) {
        try {
            return ok(request.id(), operation.handle(request));
        } catch (OperationException e) {
            return error(request.id(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(request.id(), String.format("op \"%s\" was interrupted", request.op()));
        } catch (Exception | LinkageError | StackOverflowError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            log.accept(String.format("op \"%s\" id=%s failed: %s", request.op(), JsonWriter.write(request.id()), trace));
            return error(request.id(), String.format(
                    "op \"%s\" failed: %s — this is a bug in dirt's agent; its stderr has the stack trace",
                    request.op(), e));
        }
    }

    /** An ok response with {@code fields} after {@code id} and {@code ok} (which they cannot replace). */
    static Map<String, Object> ok(Object id, Map<String, Object> fields) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", id);
        response.put("ok", true);
        fields.forEach(response::putIfAbsent);
        return response;
    }

    /** An error response; {@code id} is null when the request had none. */
    static Map<String, Object> error(Object id, String message) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", id);
        response.put("ok", false);
        response.put("error", message);
        return response;
    }
}
