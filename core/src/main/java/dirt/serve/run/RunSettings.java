package dirt.serve.run;

import static java.util.Objects.requireNonNull;

import dirt.config.CommandSettings;
import dirt.config.ServeSettings;
import java.util.List;

/**
 * How serve runs tasks: tries, retry delay, timeout, result size and losses allowed ({@code [serve]}), the commands
 * the policy lets run ({@code [commands]}), and the variables every task gets from its agent's environment
 * ({@code [nodes] task_environment}).
 */
public record RunSettings(ServeSettings serve, CommandSettings commands, List<String> taskEnvironment) {
    public RunSettings {
        requireNonNull(serve, "serve is null");
        requireNonNull(commands, "commands is null");
        taskEnvironment = List.copyOf(taskEnvironment);
    }
}
