package dev.lightstream.cli.text;

import java.util.Locale;

/**
 * Numbers for people: byte sizes and rates in decimal units (1 MB = 10^6 bytes, as in MB/s),
 * grouped counts, durations. Locale-independent.
 */
public final class Units {
    private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Units() {}

    /** {@code 1234567} as "1,234,567". */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A byte size: "512 B", "1.50 kB", "98.3 MB", "1.21 GB" (three significant digits). */
    public static String bytes(double bytes) {
        int unit = 0;
        double value = bytes;
        while (Math.abs(value) >= 999.5 && unit < BYTE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return (unit == 0 ? String.format(Locale.ROOT, "%.0f", value) : significant(value)) + " " + BYTE_UNITS[unit];
    }

    /** A rate of things per second: "950", "12.3 k", "4.56 M", "1.20 G". */
    public static String perSecond(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        String[] units = {"", " k", " M", " G", " T"};
        int unit = 0;
        while (Math.abs(value) >= 999.5 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return (unit == 0 ? String.format(Locale.ROOT, "%.0f", value) : significant(value)) + units[unit];
    }

    /** Bytes per second: "676 MB/s". */
    public static String bytesPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? "- B/s" : bytes(bytes * 1e9 / nanos) + "/s";
    }

    /** Seconds with three significant digits: "0.0123 s", "0.612 s", "12.3 s", "123 s". */
    public static String seconds(long nanos) {
        return significant(nanos / 1e9) + " s";
    }

    /** Elapsed time as minutes and seconds: "0:07", "12:30", "1:02:03". */
    public static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        long h = s / 3600;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String significant(double value) {
        double a = Math.abs(value);
        if (a >= 99.95) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (a >= 9.995) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (a >= 0.9995 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
