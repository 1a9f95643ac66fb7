package dev.lightstream.cli.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the load test reports about the process: its open-file limit and its peak resident set.
 * The JVM raises its soft open-file limit to the hard one at start (HotSpot's {@code MaxFDLimit},
 * on by default), so the limit seen here is the most this process can have; more needs
 * {@code ulimit -Hn} raised by an administrator.
 */
final class SystemLimits {
    private SystemLimits() {}

    /** The open-file limit of this JVM, or -1 when the platform does not tell. */
    static long maxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /**
     * The kernel's cap on a listen backlog ({@code net.core.somaxconn}), or -1 where unknown. More
     * clients than this connecting at once can overflow the accept queue: the kernel then drops
     * their handshakes, and a client that only reads is eventually reset.
     */
    static long listenBacklogCap() {
        try {
            // readAllLines, not readString: /proc files report a size of 0, and readString trusts it.
            return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).getFirst().trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The peak resident set of this process (VmHWM in /proc/self/status), or -1 without /proc. */
    static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
