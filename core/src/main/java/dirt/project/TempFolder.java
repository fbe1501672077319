package dirt.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a temporary folder a step of {@code dirt create} or the task compiler made, whatever is left in it. */
public final class TempFolder {
    private TempFolder() {
    }

    /** Deletes {@code root} and everything in it, as far as it can; nothing when it is null. */
    public static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temporary folder is harmless
        }
    }
}
