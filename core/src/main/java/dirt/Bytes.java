package dirt;

import java.util.Locale;

/** Sizes as people read them in messages and reports. */
public final class Bytes {
    private Bytes() {
    }

    /** {@code 512 B}, {@code 3.2 MiB}, {@code 1.0 GiB}. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
