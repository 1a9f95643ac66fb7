package dev.lightstream.cli;

import dev.lightstream.cli.load.LoadTest;
import dev.lightstream.cli.text.Units;
import dev.lightstream.memory.BufferAllocator;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lightstream loadtest}: one table server on loopback, many concurrent clients receiving,
 * then sending, checksummed batches ({@link LoadTest}). Prints one line per phase and the memory it
 * took; exits 1 if any batch was lost or corrupted, or memory was left allocated.
 *
 * <pre>
 * $ lightstream loadtest --clients 500 --batches 20 --rows 4096
 * receive: 500 clients connected at once, 10000 of 10000 batches verified, 0 lost, 0 corrupted, 819 MB in 1.2 s (680 MB/s)
 * ...
 * </pre>
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {
            "Runs a table server on loopback with many concurrent clients: each receives the same table from the"
                    + " server, then each sends a table of its own. Every batch carries a CRC-32C of its payload and"
                    + " is checked on arrival.",
            "Reports batches verified, lost and corrupted, aggregate MB/s of column data, the peak resident set of"
                    + " the process (server and clients together) and the allocators' peaks. Each connection needs a"
                    + " file descriptor at both ends: see 'ulimit -n'."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every batch arrived intact and no memory was left allocated",
            "1:a batch lost or corrupted, memory left allocated, or the open-file limit too low", "2:usage error"})
final class LoadTestCommand extends Subcommand {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "500",
            description = "concurrent client connections (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "20",
            description = "batches each client receives and sends (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "4096",
            description = "rows per batch, 20 bytes each (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--transport", paramLabel = "NAME", defaultValue = "tcp",
            description = "tcp (127.0.0.1) or unix (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--phase", paramLabel = "PHASE", defaultValue = "both",
            description = "receive, send or both (default: ${DEFAULT-VALUE})")
    String phase;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "the longest a phase may take (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || batches < 0 || rows < 1 || timeoutSeconds < 1) {
            throw usageError("--clients, --rows and --timeout must be positive, --batches not negative");
        }
        if (!transport.equals("tcp") && !transport.equals("unix")) {
            throw usageError("--transport must be tcp or unix: " + transport);
        }
        if (!phase.equals("receive") && !phase.equals("send") && !phase.equals("both")) {
            throw usageError("--phase must be receive, send or both: " + phase);
        }
        LoadTest.Config config = new LoadTest.Config(clients, batches, rows, transport,
                !phase.equals("send"), !phase.equals("receive"), Duration.ofSeconds(timeoutSeconds));
        LoadTest.Report report;
        try (BufferAllocator server = BufferAllocator.create(); BufferAllocator client = BufferAllocator.create()) {
            report = LoadTest.run(config, server, client);
        }
        PrintWriter out = console().out();
        for (LoadTest.Phase p : report.phases()) {
            out.println(p.name() + ": " + p.connected() + " clients connected at once (server peak "
                    + p.serverPeakConnections() + "), " + p.verified() + " of " + p.expected() + " batches verified, "
                    + p.lost() + " lost, " + p.corrupted() + " corrupted, " + Units.bytes(p.bytes()) + " in "
                    + Units.seconds(p.nanos()) + " (" + Units.bytesPerSecond(p.bytes(), p.nanos()) + ")");
            for (String failure : p.failures()) {
                out.println("  " + failure);
            }
        }
        out.println("memory: peak resident " + (report.peakRssBytes() < 0 ? "unknown" : Units.bytes(report.peakRssBytes()))
                + ", server allocator peak " + Units.bytes(report.serverPeakBytes()) + ", client allocator peak "
                + Units.bytes(report.clientPeakBytes()) + ", leaked " + report.leakedBytes() + " bytes");
        long cap = report.listenBacklogCap();
        out.println("open-file limit: " + report.maxFileDescriptors() + ", listen backlog: " + clients
                + (cap > 0 && cap < clients ? " (capped by the kernel at net.core.somaxconn=" + cap
                        + ": clients beyond it may be reset while the server catches up)" : ""));
        out.println(report.ok() ? "ok" : "FAILED");
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
