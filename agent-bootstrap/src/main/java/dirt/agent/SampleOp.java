package dirt.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sample}: the node's resources now, which serve keeps as a short series: {@code load} (1-minute load
 * average), {@code mem_total} and {@code mem_available}, {@code disk_free} and {@code disk_total} of {@code work_dir}
 * (the folder runs work in), in bytes. A figure the system does not have is left out.
 */
final class SampleOp implements Operation {
    private final Path workDir;

    SampleOp(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public Map<String, Object> handle(Request request) {
        Path folder = Files.isDirectory(workDir) ? workDir : workDir.getParent();
        Map<String, Object> sample = new LinkedHashMap<>();
        double[] load = Resources.loadAverages();
        putIfKnown(sample, "load", load.length > 0 ? load[0] : null);
        putIfKnown(sample, "mem_total", Resources.memTotalBytes());
        putIfKnown(sample, "mem_available", Resources.memAvailableBytes());
        putIfKnown(sample, "disk_free", Resources.diskFreeBytes(folder));
        putIfKnown(sample, "disk_total", Resources.diskTotalBytes(folder));
        sample.put("work_dir", folder.toAbsolutePath().toString());
        return sample;
    }

    private static void putIfKnown(Map<String, Object> sample, String key, Object value) {
        if (value != null) {
            sample.put(key, value);
        }
    }
}
