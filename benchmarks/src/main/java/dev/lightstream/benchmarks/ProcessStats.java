package dev.lightstream.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux tells about this process and machine: peak resident memory (which can be reset, so
 * that each side of a measurement gets its own peak), the load average, and the machine's
 * description for BENCHMARKS.md. Everything degrades to "unknown" off Linux.
 */
public final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessStats() {}

    /** Resets the peak RSS to the current RSS (Linux 4.0+: "5" to clear_refs); false if it cannot. */
    public static boolean resetPeakRss() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The peak resident set size in bytes (VmHWM), or -1. */
    public static long peakRssBytes() {
        return statusKiB("VmHWM:") * 1024;
    }

    /** The current resident set size in bytes (VmRSS), or -1. */
    public static long rssBytes() {
        return statusKiB("VmRSS:") * 1024;
    }

    private static long statusKiB(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /**
     * CPU time of the whole process (every thread, user and kernel) in nanoseconds, or -1. Unlike
     * elapsed time it barely moves with the machine's load: the figure to compare before and after
     * a change on a shared machine.
     */
    public static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The one-minute load average, or -1. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU model and count, memory, JDK, kernel: one line each. */
    public static List<String> machine() {
        String cpu = "unknown";
        int cpus = Runtime.getRuntime().availableProcessors();
        String memory = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    memory = String.format("%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // leave unknown
        }
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return List.of("cpu: " + cpu + " x " + cpus, "memory: " + memory, "jdk: " + jdk, "kernel: " + kernel);
    }
}
