package dirt.agent;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * The environment a warm worker JVM ({@link WorkerMain}) shows its current task: {@code System.getenv} and what
 * {@code ProcessBuilder.environment()} starts from. A JVM reads its environment once, at its start, into a map that
 * Java code cannot change; the worker replaces that map's contents for each task, by reflection (the agent starts it
 * with {@code --add-opens java.base/java.util=ALL-UNNAMED}).
 *
 * <p>What it cannot change is the C environment of the process: a process the task starts without touching
 * {@code ProcessBuilder.environment()} inherits that, the worker's start environment (the variables the run names,
 * and the worker's {@code DIRT_RUN_ID}).
 */
final class JvmEnvironment {
    private final Map<String, String> variables;

    private JvmEnvironment(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * The writable map behind {@link System#getenv()}.
     *
     * @throws IllegalStateException when this JVM keeps it elsewhere, or the module system refuses
     */
    @SuppressWarnings("unchecked")
    static JvmEnvironment open() {
        Map<String, String> view = System.getenv();
        try {
            Field inner = view.getClass().getDeclaredField("m");
            inner.setAccessible(true);
            return new JvmEnvironment((Map<String, String>) inner.get(view));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(String.format("cannot set a task's environment in this JVM: java=\"%s\""
                    + " cause=\"%s\"", System.getProperty("java.version"), e), e);
        }
    }

    /** Makes {@code environment} the whole environment that {@code System.getenv} shows. */
    void replace(Map<String, String> environment) {
        variables.clear();
        variables.putAll(environment);
    }
}
