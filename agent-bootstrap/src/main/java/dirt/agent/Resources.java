package dirt.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a scheduler weighs: total memory, load averages, free disk space. Each is null when the system has none. */
final class Resources {
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private Resources() {}

    /** The machine's (or the container's) memory in bytes. */
    static Long memTotalBytes() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getTotalMemorySize() > 0) {
            return sun.getTotalMemorySize();
        }
        try {
            for (String line : Files.readAllLines(MEMINFO, UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: unknown
        }
        return null;
    }

    /** The memory available for new work in bytes (MemAvailable, else the free memory the MXBean sees). */
    static Long memAvailableBytes() {
        try {
            for (String line : Files.readAllLines(MEMINFO, UTF_8)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask the MXBean
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getFreeMemorySize() >= 0) {
            return sun.getFreeMemorySize();
        }
        return null;
    }

    /** The size in bytes of {@code folder}'s file system. */
    static Long diskTotalBytes(Path folder) {
        try {
            return Files.getFileStore(folder).getTotalSpace();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The 1-, 5- and 15-minute load averages from /proc/loadavg; just the 1-minute one elsewhere; none on Windows. */
    static double[] loadAverages() {
        try {
            if (Files.isReadable(LOADAVG)) {
                String[] parts = Files.readString(LOADAVG, UTF_8).trim().split("\\s+");
                return new double[] {
                    Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
                };
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the MXBean
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load >= 0 ? new double[] {load} : new double[0];
    }

    /** The bytes this JVM may still write in {@code folder}'s file system. */
    static Long diskFreeBytes(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
