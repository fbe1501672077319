package dirt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the launcher ({@code bin/dirt}) that a run writing the class data sharing archive ended well, so that the
 * archive its JVM writes at exit is adopted by the next command: the launcher names the mark in
 * {@value #ENDED_WELL}, and a serve that stopped cleanly (by {@code --until-done} or by a signal) creates it. A run
 * that failed, or was killed, leaves no mark, and its archive, which may hold only the classes of a failed start, is
 * never used.
 */
final class ClassDataSharing {
    static final String ENDED_WELL = "DIRT_CDS_ENDED_WELL";
    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);

    private ClassDataSharing() {
    }

    static void markEndedWell(Map<String, String> env) {
        String mark = env.get(ENDED_WELL);
        if (mark == null || mark.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(mark), "");
        } catch (IOException | RuntimeException e) {
            log.debug("could not mark the class data sharing run as ended well ({}): {}", mark, e.toString());
        }
    }
}
