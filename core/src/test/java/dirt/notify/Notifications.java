package dirt.notify;

import java.net.URI;
import java.util.Optional;

/** Sample messages for channel tests. */
final class Notifications {
    private Notifications() {
    }

    static Notification failure(String taskId) {
        FinishedTask task = FinishedTask.from(CompletedTask.of(taskId).record("r123").failed("exit code 2").object())
                .orElseThrow();
        return new Messages("demo", new Links(URI.create("http://127.0.0.1:5984/demo/_design/dirt")), true)
                .task(task, Kind.FAILED, Optional.empty(), Optional.empty());
    }
}
