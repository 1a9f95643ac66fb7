package dev.lightstream.cli.load;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.BatchSource;
import dev.lightstream.net.NetOptions;
import dev.lightstream.net.NetTableReader;
import dev.lightstream.net.NetTableWriter;
import dev.lightstream.net.TableHandler;
import dev.lightstream.net.TableServer;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table server on loopback and many concurrent clients. In the {@code receive} phase the
 * server sends the same table to every client ({@link TableServer#serve}); in the {@code send}
 * phase every client sends a table of its own to the server ({@link TableServer#receive}). Every
 * batch is checked on arrival ({@link CheckedBatches}): lost, corrupted and leaked are counted,
 * and must all be zero.
 *
 * <p>Clients connect first and wait until all of them are connected before any batch moves, so
 * that {@code clients} connections really are open at once. Server and clients run in this JVM, on
 * virtual threads, with separate allocators: the peak resident set is that of both.
 *
 * {@snippet :
 * LoadTest.Report report = LoadTest.run(LoadTest.Config.defaults().withClients(1000), server, clients);
 * }
 */
public final class LoadTest {
    private LoadTest() {}

    /**
     * What to run.
     *
     * @param clients concurrent client connections
     * @param batches batches each client receives, and sends
     * @param rows rows per batch (20 bytes each)
     * @param transport {@code tcp} (127.0.0.1) or {@code unix} (a socket file in the temporary directory)
     * @param receive whether to run the phase where clients receive
     * @param send whether to run the phase where clients send
     * @param timeout how long a phase may take before the clients still running are reported as failed
     */
    public record Config(int clients, int batches, int rows, String transport, boolean receive, boolean send,
            Duration timeout) {
        public Config {
            if (clients < 1 || batches < 0 || rows < 1) {
                throw new IllegalArgumentException("clients=" + clients + " batches=" + batches + " rows=" + rows
                        + ": clients and rows must be positive, batches not negative");
            }
            if (!transport.equals("tcp") && !transport.equals("unix")) {
                throw new IllegalArgumentException("transport=" + transport + " is not tcp or unix");
            }
            Objects.requireNonNull(timeout, "timeout");
        }

        /** 500 clients, 20 batches of 4,096 rows each way, over TCP, 10 minutes at most a phase. */
        public static Config defaults() {
            return new Config(500, 20, 4096, "tcp", true, true, Duration.ofMinutes(10));
        }

        public Config withClients(int n) {
            return new Config(n, batches, rows, transport, receive, send, timeout);
        }

        public Config withBatches(int n) {
            return new Config(clients, n, rows, transport, receive, send, timeout);
        }

        public Config withRows(int n) {
            return new Config(clients, batches, n, transport, receive, send, timeout);
        }

        public Config withTransport(String name) {
            return new Config(clients, batches, rows, name, receive, send, timeout);
        }

        public Config withPhases(boolean receiving, boolean sending) {
            return new Config(clients, batches, rows, transport, receiving, sending, timeout);
        }

        public Config withTimeout(Duration value) {
            return new Config(clients, batches, rows, transport, receive, send, value);
        }
    }

    /**
     * One phase's outcome.
     *
     * @param name {@code receive} or {@code send}
     * @param connected clients that were connected at once before any batch moved
     * @param expected batches that should have arrived (clients x batches)
     * @param verified batches that arrived and passed their check
     * @param lost batches that never arrived
     * @param corrupted batches that arrived and failed their check
     * @param bytes column bytes of the verified batches
     * @param nanos time from the moment all clients were connected to the last batch checked
     * @param serverPeakConnections the most connections the server had open, sampled
     * @param failures the first errors, one line each
     */
    public record Phase(String name, int connected, long expected, long verified, long lost, long corrupted, long bytes,
            long nanos, int serverPeakConnections, List<String> failures) {
        /** Column bytes moved per second, in MB (10^6). */
        public double megabytesPerSecond() {
            return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
        }

        public boolean ok() {
            return lost == 0 && corrupted == 0 && failures.isEmpty() && verified == expected;
        }
    }

    /**
     * The whole run.
     *
     * @param serverPeakBytes the server allocator's peak
     * @param clientPeakBytes the client allocator's peak
     * @param leakedBytes bytes still allocated in either allocator once everything closed
     * @param peakRssBytes the process's peak resident set (VmHWM), or -1 where /proc is missing
     * @param maxFileDescriptors the JVM's open-file limit, or -1 if unknown
     * @param listenBacklogCap the kernel's cap on the listen backlog ({@code somaxconn}), or -1
     */
    public record Report(Config config, List<Phase> phases, long serverPeakBytes, long clientPeakBytes,
            long leakedBytes, long peakRssBytes, long maxFileDescriptors, long listenBacklogCap) {
        public boolean ok() {
            return leakedBytes == 0 && phases.stream().allMatch(Phase::ok);
        }
    }

    /**
     * Runs the phases of {@code config}.
     *
     * @throws IOException if the server cannot listen, or the open-file limit is too low for the
     *     connections asked for
     */
    public static Report run(Config config, BufferAllocator serverMemory, BufferAllocator clientMemory)
            throws IOException, InterruptedException {
        long fds = SystemLimits.maxFileDescriptors();
        // Each connection costs a descriptor at both ends, plus the JVM's own files and selectors.
        long needed = 2L * config.clients() + 256;
        if (fds > 0 && fds < needed) {
            throw new IOException("the open-file limit is " + fds + ", " + config.clients() + " clients need about "
                    + needed + ": raise it (ulimit -n " + needed + ") or use fewer clients");
        }
        List<Phase> phases = new ArrayList<>();
        if (config.receive()) {
            phases.add(receivePhase(config, serverMemory, clientMemory));
        }
        if (config.send()) {
            phases.add(sendPhase(config, serverMemory, clientMemory));
        }
        long leaked = serverMemory.allocatedBytes() + clientMemory.allocatedBytes();
        return new Report(config, phases, serverMemory.peakBytes(), clientMemory.peakBytes(), leaked,
                SystemLimits.peakResidentBytes(), fds, SystemLimits.listenBacklogCap());
    }

    private static NetOptions serverOptions(int clients, ConcurrentLinkedQueue<String> failures) {
        return NetOptions.defaults()
                .withSocket(SocketOptions.defaults().withBacklog(Math.max(clients, 50)))
                .withServer(ServerOptions.defaults().withMaxConnections(Math.max(clients, 1))
                        .withErrorListener((remote, error) -> failures.add("server, " + remote + ": " + error)));
    }

    private static Endpoint endpoint(Config config) throws IOException {
        if (config.transport().equals("unix")) {
            Path socket = Files.createTempDirectory("lightstream-load").resolve("load.sock");
            return Endpoint.parse("unix://" + socket.toAbsolutePath());
        }
        return Endpoint.parse("tcp://127.0.0.1:0");
    }

    /** Every client receives the same table from the server. */
    private static Phase receivePhase(Config config, BufferAllocator serverMemory, BufferAllocator clientMemory)
            throws IOException, InterruptedException {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<RecordBatch> table = new ArrayList<>();
        for (int i = 0; i < config.batches(); i++) {
            table.add(CheckedBatches.make(serverMemory, 0, i, config.rows()));
        }
        Tally tally = new Tally();
        try (TableServer server = TableServer.serve(endpoint(config),
                BatchSource.ofBatches(CheckedBatches.SCHEMA, table), serverMemory,
                serverOptions(config.clients(), failures))) {
            return runClients("receive", config, server, false, tally, failures, (index, connected, go) -> {
                try (NetTableReader reader = NetTableReader.connect(server.endpoint(), clientMemory,
                        NetOptions.defaults())) {
                    connected.run();
                    go.await();
                    int seen = 0;
                    for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                        try (RecordBatch batch = next) {
                            tally.check(batch, seen++, config.rows(), "client " + index, failures);
                        }
                    }
                }
            });
        } finally {
            table.forEach(RecordBatch::close);
        }
    }

    /** Every client sends a table of its own; the server checks each batch as it arrives. */
    private static Phase sendPhase(Config config, BufferAllocator serverMemory, BufferAllocator clientMemory)
            throws IOException, InterruptedException {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Tally tally = new Tally();
        TableHandler handler = stream -> {
            String client = stream.schema().metadata().get("client");
            int seen = 0;
            for (RecordBatch next = stream.next(); next != null; next = stream.next()) {
                try (RecordBatch batch = next) {
                    tally.check(batch, seen++, config.rows(), "from client " + client, failures);
                }
            }
        };
        try (TableServer server = TableServer.receive(endpoint(config), handler, serverMemory,
                serverOptions(config.clients(), failures))) {
            return runClients("send", config, server, true, tally, failures, (index, connected, go) -> {
                Schema schema = new Schema(CheckedBatches.SCHEMA.fields(), Map.of("client", Integer.toString(index)));
                try (NetTableWriter writer = NetTableWriter.connect(server.endpoint(), schema, clientMemory,
                        NetOptions.defaults())) {
                    writer.start();
                    connected.run();
                    go.await();
                    for (int i = 0; i < config.batches(); i++) {
                        try (RecordBatch batch = CheckedBatches.make(clientMemory, index + 1, i, config.rows())) {
                            writer.write(batch);
                        }
                    }
                    writer.finish();
                }
            });
        }
    }

    /** What one client does: connect, call {@code connected}, wait for {@code go}, then move its batches. */
    @FunctionalInterface
    private interface Client {
        void run(int index, Runnable connected, CountDownLatch go) throws Exception;
    }

    /** Counts what arrived, checked; thread-safe. */
    private static final class Tally {
        final AtomicLong verified = new AtomicLong();
        final AtomicLong corrupted = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong lastCheck = new AtomicLong();

        void check(RecordBatch batch, int index, int rows, String where, ConcurrentLinkedQueue<String> failures) {
            String problem = CheckedBatches.problem(batch, index, rows);
            if (problem == null) {
                verified.incrementAndGet();
                bytes.addAndGet(CheckedBatches.bytes(rows));
            } else {
                corrupted.incrementAndGet();
                failures.add(where + ": " + problem);
            }
            lastCheck.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /**
     * Runs the clients. With {@code serverWaits} (the server blocks reading from every client until
     * it sends), batches move only once the server has accepted every connected client, so that its
     * peak shows them all at once; a serving server may finish writing a small table into the
     * socket buffers and close before its client reads, so its count is only sampled.
     */
    private static Phase runClients(String name, Config config, TableServer server, boolean serverWaits, Tally tally,
            ConcurrentLinkedQueue<String> failures, Client client) throws InterruptedException {
        int clients = config.clients();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger connected = new AtomicInteger();
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            int index = i;
            threads.add(Thread.ofVirtual().name("load-client-" + i).start(() -> {
                boolean[] counted = {false};
                try {
                    client.run(index, () -> {
                        counted[0] = true;
                        connected.incrementAndGet();
                        ready.countDown();
                    }, go);
                } catch (Exception | Error e) {
                    failures.add("client " + index + ": " + e);
                } finally {
                    if (!counted[0]) {
                        ready.countDown(); // failed before connecting: do not hold the others
                    }
                    done.countDown();
                }
            }));
        }
        long deadline = System.nanoTime() + config.timeout().toNanos();
        ready.await(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        int together = connected.get();
        if (serverWaits) {
            while (server.connectionCount() < together && System.nanoTime() < deadline) {
                Thread.sleep(1); // accepted by the kernel, not yet by the server's accept loop
            }
        }
        int peak = server.connectionCount();
        long start = System.nanoTime();
        go.countDown();
        while (!done.await(5, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, server.connectionCount());
            if (System.nanoTime() > deadline) {
                failures.add(done.getCount() + " clients still running after " + config.timeout());
                threads.forEach(Thread::interrupt);
                break;
            }
        }
        // The server may still be checking the last batches a client sent.
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long end = Math.max(tally.lastCheck.get(), start);
        long expected = (long) clients * config.batches();
        long lost = expected - tally.verified.get() - tally.corrupted.get();
        List<String> first = failures.stream().limit(10).toList();
        return new Phase(name, together, expected, tally.verified.get(), lost, tally.corrupted.get(), tally.bytes.get(),
                end - start, peak, first);
    }
}
