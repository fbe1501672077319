package examples;

import dirt.api.Result;
import dirt.api.Task;
import dirt.api.TaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a file in its work folder and returns it as an attachment, linked as "Report" on the results page. Task
 * name: {@code examples.attachments}.
 *
 * <p>Every run gets a fresh work folder ({@code context.workDir()}); write the files you attach there.
 */
public final class Attachments implements Task {
    @Override
    public Result run(TaskContext context) throws Exception {
        Path report = context.workDir().resolve("report.txt");
        String text = "task " + context.taskName() + " (" + context.taskId() + ") of record " + context.recordId()
                + "\nran at " + Instant.now() + "\n";
        Files.writeString(report, text, StandardCharsets.UTF_8);
        return Result.success()
                .with("lines", 2)
                .attach(report, "Report");
    }
}
