package dirt.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The environment of a run, the same for a command and a Java task: the variables of the agent's environment that the
 * spec names ({@link RunSpec#environment()}; nothing else, so a secret in the agent's environment never reaches a
 * task), plus dirt's own: {@code DIRT_TASK_ID}, {@code DIRT_RECORD_ID}, {@code DIRT_TASK_NAME},
 * {@code DIRT_KWARGS_FILE} (a file holding the kwargs as JSON), {@code DIRT_KWARGS} (the JSON itself, when it is at
 * most {@link #KWARGS_IN_ENVIRONMENT} bytes: the kernel refuses longer variables) and {@code DIRT_RUN_ID} (a random
 * marker, by which {@link ProcessTree} finds the processes of the run).
 */
final class TaskEnvironment {
    static final String RUN_ID = "DIRT_RUN_ID";
    static final String KWARGS_FILE = "kwargs.json";
    static final int KWARGS_IN_ENVIRONMENT = 32 * 1024;

    private TaskEnvironment() {}

    /** The variables of the agent's environment that {@code spec} names. */
    static Map<String, String> named(RunSpec spec) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String name : spec.environment()) {
            String value = System.getenv(name);
            if (value != null) {
                named.put(name, value);
            }
        }
        return named;
    }

    /** dirt's variables for {@code spec}, without {@code DIRT_RUN_ID}; writes the kwargs file into {@code runDir}. */
    static Map<String, String> dirt(RunSpec spec, Path runDir) throws IOException {
        Map<String, String> dirt = new LinkedHashMap<>();
        dirt.put("DIRT_TASK_ID", spec.taskId());
        dirt.put("DIRT_RECORD_ID", spec.recordId());
        dirt.put("DIRT_TASK_NAME", spec.name());
        String kwargs = JsonWriter.write(spec.kwargs());
        Path kwargsFile = Files.writeString(runDir.resolve(KWARGS_FILE), kwargs, StandardCharsets.UTF_8);
        dirt.put("DIRT_KWARGS_FILE", kwargsFile.toAbsolutePath().toString());
        if (kwargs.getBytes(StandardCharsets.UTF_8).length <= KWARGS_IN_ENVIRONMENT) {
            dirt.put("DIRT_KWARGS", kwargs);
        }
        return dirt;
    }

    /** A fresh random marker, 32 hex digits. */
    static String marker() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
