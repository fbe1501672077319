package examples;

import dirt.api.Result;
import dirt.api.Task;
import dirt.api.TaskContext;
import java.util.Map;

/**
 * Returns the kwargs it was given. Task name: {@code examples.arguments}.
 *
 * <p>With {@code "kwargs": {"foo": 42, "bar": "baz"}} in the task document, the results are
 * {@code {"success": true, "foo": 42, "bar": "baz"}}. Read single kwargs with typed getters such as
 * {@code context.getInt("foo")}: a missing or mistyped kwarg then fails the task with a message that names it.
 */
public final class Arguments implements Task {
    @Override
    public Result run(TaskContext context) {
        Result result = Result.success();
        for (Map.Entry<String, Object> kwarg : context.kwargs().entrySet()) {
            result = result.with(kwarg.getKey(), kwarg.getValue());
        }
        context.log("echoed " + context.kwargs().size() + " kwargs");
        return result;
    }
}
