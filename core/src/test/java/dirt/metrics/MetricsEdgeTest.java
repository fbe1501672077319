package dirt.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Micrometer and the Prometheus client stop at the edge: only {@code dirt.metrics} imports them. */
class MetricsEdgeTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void only_the_metrics_package_imports_micrometer_or_prometheus() throws IOException {
        List<Path> importers;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            importers = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(SOURCES.resolve("dirt/metrics")))
                    .filter(MetricsEdgeTest::importsMetricsLibrary).toList();
        }

        assertThat(SOURCES.resolve("dirt/metrics/ServeMetrics.java")).exists();
        assertThat(importers).isEmpty();
    }

    private static boolean importsMetricsLibrary(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import io.micrometer.")
                    || line.startsWith("import io.prometheus."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
