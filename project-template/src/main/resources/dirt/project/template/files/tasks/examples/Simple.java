package examples;

import dirt.api.Result;
import dirt.api.Task;
import dirt.api.TaskContext;

/**
 * The smallest task: checks that 2 + 2 is 4 and returns the sum. Task name: {@code examples.simple}.
 *
 * <p>Results: {@code {"success": true, "sum": 4}}.
 */
public final class Simple implements Task {
    @Override
    public Result run(TaskContext context) {
        int sum = 2 + 2;
        if (sum != 4) {
            return Result.failure("arithmetic is broken: 2 + 2 = " + sum);
        }
        return Result.success().with("sum", sum);
    }
}
