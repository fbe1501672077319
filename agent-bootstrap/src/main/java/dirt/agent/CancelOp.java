package dirt.agent;

import java.util.Map;

/**
 * {@code cancel {"task_id"}}: stops the runs of that task under way. Answers at once with {@code "cancelled"} (whether
 * there was one); each run then ends its task (a command's whole process tree) and answers its {@code run} request with
 * {@code "success": false}, {@code "reason": "cancelled"}, {@code "cancelled": true} and what it had so far.
 */
final class CancelOp implements Operation {
    private final Runs runs;

    CancelOp(Runs runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    public Map<String, Object> handle(Request request) {
        return Map.of("cancelled", runs.cancel(request.string("task_id")) > 0);
    }
}
