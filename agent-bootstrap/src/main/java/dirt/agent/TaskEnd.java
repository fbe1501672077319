package dirt.agent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a task ended: its result ({@code success}, {@code reason} and the task's own fields) and when. */
record TaskEnd(Map<String, Object> result, Instant completed) {
    TaskEnd {
        requireNonNull(result, "result is null");
        requireNonNull(completed, "completed is null");
    }

    /** A failed task's result: {@code success} false and {@code reason}. */
    static Map<String, Object> failure(String reason) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", false);
        result.put("reason", reason);
        return result;
    }
}
