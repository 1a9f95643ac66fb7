package dev.lightstream.examples;

import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.TableBatch;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.tcp.TcpTransport;
import dev.lightstream.transport.unix.UnixTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;

/**
 * A short benchmark of the Lightstream protocol over loopback TCP and a Unix socket, both ends in
 * this process on virtual threads: small messages per second ({@code protocol-small}) and table
 * batches per second ({@code protocol-table}), with a raw byte pump over the same transport for
 * reference. Each measurement runs once to warm up, then {@code runs} times; the median and the
 * spread are printed.
 *
 * <pre>
 * java -cp examples/target/classes:examples/target/lib/* dev.lightstream.examples.ProtocolBenchmark [--quick]
 * </pre>
 *
 * <p>Data: small messages of 64 bytes, sent by one thread and by four at once; tables of int64,
 * float64, utf8 (8 to 24 bytes) and nullable bool columns, in batches of 65,536 and of 1,024
 * rows, the receiver summing the int64 column of every batch. MB/s (10<sup>6</sup> bytes) counts the
 * payloads of small messages, and for tables every byte received (IPC messages and frame headers).
 */
public final class ProtocolBenchmark {
    private static final Schema TABLE = Schema.of(Field.of("id", DataType.INT64), Field.of("value", DataType.FLOAT64),
            Field.of("name", DataType.UTF8), Field.nullable("flag", DataType.BOOL));

    private ProtocolBenchmark() {}

    /** One measured result: items (messages, rows, MiB) and bytes moved in a time. */
    record Run(long items, long bytes, long nanos) {
        double itemsPerSecond() {
            return items * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e3 / nanos; // 1 MB = 10^6 bytes
        }
    }

    @FunctionalInterface
    interface Measurement {
        Run run(Connection a, Connection b, BufferAllocator allocator) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int runs = quick ? 3 : 5;
        long smallCount = quick ? 300_000 : 2_000_000;
        int bigBatches = quick ? 30 : 200;
        int smallBatches = quick ? 2_000 : 20_000;
        PrintStream out = System.out;
        out.printf("Lightstream protocol benchmark: %d cores, %s %s, %s %s; %d runs after one warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"), runs);
        out.println("| measurement | transport | rate (median) | MB/s (median) | MB/s min..max |");
        out.println("|---|---|---|---|---|");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            for (String transport : List.of("tcp", "unix")) {
                report(out, "raw pump, 1 MiB writes", "MiB/s", transport, runs, allocator,
                        (a, b, al) -> rawPump(a, b, quick ? 1L << 29 : 4L << 30));
                report(out, "protocol-small, 64 B, 1 thread", "messages/s", transport, runs, allocator,
                        (a, b, al) -> small(a, b, al, smallCount, 1));
                report(out, "protocol-small, 64 B, 4 threads", "messages/s", transport, runs, allocator,
                        (a, b, al) -> small(a, b, al, smallCount, 4));
                report(out, "protocol-table, 65,536-row batches", "rows/s", transport, runs, allocator,
                        (a, b, al) -> tables(a, b, al, 65_536, bigBatches));
                report(out, "protocol-table, 1,024-row batches", "rows/s", transport, runs, allocator,
                        (a, b, al) -> tables(a, b, al, 1_024, smallBatches));
            }
        }
    }

    private static void report(PrintStream out, String name, String unit, String transport, int runs,
            BufferAllocator allocator, Measurement measurement) throws Exception {
        measure(transport, allocator, measurement); // warm-up
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            results.add(measure(transport, allocator, measurement));
        }
        double[] items = results.stream().mapToDouble(Run::itemsPerSecond).sorted().toArray();
        double[] mb = results.stream().mapToDouble(Run::megabytesPerSecond).sorted().toArray();
        out.printf(Locale.ROOT, "| %s | %s | %,.0f %s | %,.0f | %,.0f..%,.0f |%n", name, transport,
                items[items.length / 2], unit, mb[mb.length / 2], mb[0], mb[mb.length - 1]);
    }

    /** Connects a fresh pair over {@code transport} and runs the measurement on it. */
    private static Run measure(String transport, BufferAllocator allocator, Measurement measurement) throws Exception {
        Path dir = null;
        Acceptor acceptor;
        if (transport.equals("tcp")) {
            acceptor = TcpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } else {
            dir = Files.createTempDirectory("lsbench");
            acceptor = UnixTransport.bind(dir.resolve("b.sock"));
        }
        try (acceptor) {
            CompletableFuture<Connection> accepted = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.complete(acceptor.accept());
                } catch (IOException e) {
                    accepted.completeExceptionally(e);
                }
            });
            Connection a = transport.equals("tcp") ? TcpTransport.connect((InetSocketAddress) acceptor.localAddress())
                    : UnixTransport.connect(dir.resolve("b.sock"));
            try (Connection b = accepted.get(); a) {
                return measurement.run(a, b, allocator);
            }
        } finally {
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("b.sock"));
                Files.deleteIfExists(dir);
            }
        }
    }

    /** The transport alone: 1 MiB writes one way, read into a 1 MiB buffer. */
    static Run rawPump(Connection a, Connection b, long total) throws Exception {
        FutureTask<Void> writing = new FutureTask<>(() -> {
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            for (long sent = 0; sent < total; sent += chunk.capacity()) {
                a.write(chunk.clear());
            }
            a.shutdownOutput();
            return null;
        });
        long start = System.nanoTime();
        Thread.ofVirtual().start(writing);
        ByteBuffer into = ByteBuffer.allocateDirect(1 << 20);
        long received = 0;
        for (int n; (n = b.read(into.clear())) >= 0; ) {
            received += n;
        }
        long nanos = System.nanoTime() - start;
        writing.get();
        return new Run(received >> 20, received, nanos);
    }

    /** {@code count} messages of 64 bytes from {@code threads} threads; the receiver touches each. */
    static Run small(Connection a, Connection b, BufferAllocator allocator, long count, int threads) throws Exception {
        LightstreamConnection sender = new LightstreamConnection(a, allocator);
        LightstreamConnection receiver = new LightstreamConnection(b, allocator);
        sender.registerMessage("m");
        receiver.registerMessage("m");
        CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
            try {
                receiver.handshake();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, command -> Thread.ofVirtual().start(command));
        sender.handshake();
        handshake.join();
        byte[] payload = new byte[64];
        new SplittableRandom(1).nextBytes(payload);
        List<FutureTask<Void>> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long share = count / threads;
            FutureTask<Void> task = new FutureTask<>(() -> {
                for (long i = 0; i < share; i++) {
                    sender.send("m", payload);
                }
                return null;
            });
            senders.add(task);
            Thread.ofVirtual().start(task);
        }
        Thread.ofVirtual().start(() -> {
            try {
                for (FutureTask<Void> task : senders) {
                    task.get();
                }
                sender.shutdownOutput();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long received = 0;
        long checksum = 0;
        for (LightstreamMessage m; (m = receiver.receive()) != null; ) {
            checksum += ((dev.lightstream.protocol.RawMessage) m).payload().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
            m.close();
            received++;
        }
        long nanos = System.nanoTime() - start;
        if (received != count / threads * threads || checksum == Long.MIN_VALUE) {
            throw new IllegalStateException("received " + received + " of " + count);
        }
        sender.close();
        receiver.close();
        return new Run(received, received * payload.length, nanos);
    }

    /** One batch of {@code rows} rows: int64, float64, utf8 of 8 to 24 bytes, nullable bool. */
    static RecordBatch table(BufferAllocator allocator, int rows) {
        SplittableRandom random = new SplittableRandom(rows);
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, TABLE)) {
            Int64Array.Builder ids = builder.column(0).as(Int64Array.Builder.class);
            Float64Array.Builder values = builder.column(1).as(Float64Array.Builder.class);
            ArrayBuilder names = builder.column(2);
            BooleanArray.Builder flags = builder.column(3).as(BooleanArray.Builder.class);
            char[] letters = new char[24];
            for (int i = 0; i < rows; i++) {
                ids.append(i);
                values.append(random.nextDouble());
                int length = 8 + random.nextInt(17);
                for (int k = 0; k < length; k++) {
                    letters[k] = (char) ('a' + random.nextInt(26));
                }
                names.appendObject(new String(letters, 0, length));
                if (random.nextInt(10) == 0) {
                    flags.appendNull();
                } else {
                    flags.append(random.nextBoolean());
                }
            }
            return builder.build();
        }
    }

    /** {@code count} batches of {@code rows} rows one way; the receiver sums the int64 column of each. */
    static Run tables(Connection a, Connection b, BufferAllocator allocator, int rows, int count) throws Exception {
        LightstreamConnection sender = new LightstreamConnection(a, allocator);
        LightstreamConnection receiver = new LightstreamConnection(b, allocator);
        sender.registerTable("t", TABLE);
        receiver.registerTable("t", TABLE);
        CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
            try {
                receiver.handshake();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, command -> Thread.ofVirtual().start(command));
        sender.handshake();
        handshake.join();
        try (RecordBatch batch = table(allocator, rows)) {
            FutureTask<Void> sending = new FutureTask<>(() -> {
                for (int i = 0; i < count; i++) {
                    sender.sendTable("t", batch);
                }
                sender.shutdownOutput();
                return null;
            });
            long start = System.nanoTime();
            Thread.ofVirtual().start(sending);
            long received = 0;
            long sum = 0;
            for (LightstreamMessage m; (m = receiver.receive()) != null; ) {
                try (TableBatch t = (TableBatch) m) {
                    Int64Array ids = (Int64Array) t.batch().column(0);
                    for (int i = 0; i < ids.length(); i++) {
                        sum += ids.get(i);
                    }
                    received++;
                }
            }
            long nanos = System.nanoTime() - start;
            sending.get();
            if (received != count || sum != (long) count * rows * (rows - 1) / 2) {
                throw new IllegalStateException("received " + received + " batches, sum " + sum);
            }
            long bytes = receiver.bytesReceived(); // the IPC messages and their 5-byte frame headers
            sender.close();
            receiver.close();
            return new Run(received * rows, bytes, nanos);
        }
    }
}
