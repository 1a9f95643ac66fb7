package dev.lightstream.examples;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.RawMessage;
import dev.lightstream.protocol.TableBatch;
import dev.lightstream.protocol.msgpack.MessagePackChannel;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.tcp.TcpTransport;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service that streams metrics tables and takes commands on one connection: the Lightstream
 * protocol over TCP. The service registers a table channel {@code metrics} and a message type
 * {@code command} (MessagePack); it sends a batch of samples every interval until a client's
 * {@code stop} command, and a client's {@code interval} command changes the pace, on the same
 * connection, at any time.
 *
 * <pre>
 * java -cp examples/target/classes:examples/target/lib/* dev.lightstream.examples.MetricsService demo
 * java -cp ... dev.lightstream.examples.MetricsService serve 9000             # the service
 * java -cp ... dev.lightstream.examples.MetricsService watch localhost:9000 20 # a client: 20 batches
 * </pre>
 *
 * {@snippet :
 * try (LightstreamConnection connection = new LightstreamConnection(TcpTransport.connect(address), allocator)) {
 *     MetricsService.COMMANDS.register(connection);                          // any order: names are matched
 *     connection.registerTable("metrics", MetricsService.METRICS);
 *     MetricsService.COMMANDS.send(connection, new MetricsService.Command("interval", 10));
 *     connection.flush();
 *     try (LightstreamMessage next = connection.receive()) { ... }           // a TableBatch of "metrics"
 * }
 * }
 */
public final class MetricsService {
    /** One row per host and sample. The host names form a dictionary, sent once per connection. */
    public static final Schema METRICS = Schema.of(
            Field.of("time", DataType.timestamp(dev.lightstream.schema.TimeUnit.MILLISECOND, "UTC")),
            Field.of("host", DataType.dictionary(DataType.INT32, DataType.UTF8)),
            Field.of("cpu", DataType.FLOAT64),
            Field.nullable("memory", DataType.INT64));

    static final List<String> HOSTS = List.of("web-1", "web-2", "db-1", "cache-1");
    static final long START = 1_700_000_000_000L;
    static final int SAMPLES_PER_HOST = 5;

    /** A command from a client: {@code interval} (milliseconds between batches) or {@code stop}. */
    public record Command(String verb, long value) {}

    /** The command channel: a MessagePack string and a number. */
    public static final MessagePackChannel<Command> COMMANDS = MessagePackChannel.of("command",
            (command, packer) -> packer.packString(command.verb()).packLong(command.value()),
            unpacker -> new Command(unpacker.unpackString(), unpacker.unpackLong()));

    private MetricsService() {}

    /**
     * Serves one client: a batch every interval (100 ms at first) until the client sends
     * {@code stop} or goes away; commands are read on a second thread meanwhile.
     */
    public static void serve(Connection transport, BufferAllocator allocator, PrintStream log) throws Exception {
        List<MemoryBlock> owned = new ArrayList<>();
        // One dictionary array for every batch: the protocol sends it with the first batch only.
        Array hosts = ArrayBuilder.fromList(allocator, DataType.UTF8, HOSTS, owned);
        SplittableRandom random = new SplittableRandom(42);
        try {
            // readme:metrics-service
            try (LightstreamConnection connection = new LightstreamConnection(transport, allocator)) {
                connection.registerTable("metrics", METRICS);
                COMMANDS.register(connection);                  // "command": MessagePack Command values
                Pace pace = new Pace(100);                      // milliseconds between batches
                Thread commands = Thread.ofVirtual().start(() -> pace.obey(connection, log));
                for (long time = START; pace.running(); time += 1000) {
                    try (RecordBatch batch = sample(allocator, hosts, time, random)) {
                        connection.sendTable("metrics", batch);
                    }
                    connection.flush();
                    pace.pause();
                }
                connection.shutdownOutput();                    // the client's receive() returns null
                commands.join();
            }
            // end:metrics-service
        } finally {
            owned.forEach(MemoryBlock::release);
        }
    }

    /** The service's pace: the interval between batches, changed and ended by commands. */
    static final class Pace {
        private final AtomicLong interval;
        private final CountDownLatch stop = new CountDownLatch(1);

        Pace(long millis) {
            this.interval = new AtomicLong(millis);
        }

        /** Reads commands until the client ends its output or goes away; either stops the stream too. */
        void obey(LightstreamConnection connection, PrintStream log) {
            try {
                for (LightstreamMessage next; (next = connection.receive()) != null; ) {
                    try (LightstreamMessage m = next) {
                        Command command = COMMANDS.decode((RawMessage) m);
                        log.println("service: " + command);
                        switch (command.verb()) {
                            case "interval" -> interval.set(Math.max(0, command.value()));
                            case "stop" -> stop.countDown();
                            default -> log.println("service: unknown command " + command.verb());
                        }
                    }
                }
            } catch (Exception e) {
                log.println("service: commands ended: " + e);
            } finally {
                stop.countDown();
            }
        }

        boolean running() {
            return stop.getCount() > 0;
        }

        /** Waits for the interval, or until a stop. */
        void pause() throws InterruptedException {
            stop.await(interval.get(), TimeUnit.MILLISECONDS);
        }
    }

    /** One batch: {@link #SAMPLES_PER_HOST} samples of every host, a memory reading missing now and then. */
    static RecordBatch sample(BufferAllocator allocator, Array hosts, long time, SplittableRandom random) {
        List<MemoryBlock> blocks = new ArrayList<>();
        int rows = HOSTS.size() * SAMPLES_PER_HOST;
        try (ArrayBuilder times = ArrayBuilder.of(allocator, METRICS.field(0).type());
                DictionaryArray.Builder host = DictionaryArray.builder(allocator, METRICS.field(1).type(), hosts);
                Float64Array.Builder cpu = ArrayBuilder.of(allocator, DataType.FLOAT64).as(Float64Array.Builder.class);
                Int64Array.Builder memory = ArrayBuilder.of(allocator, DataType.INT64).as(Int64Array.Builder.class)) {
            for (int s = 0; s < SAMPLES_PER_HOST; s++) {
                for (String name : HOSTS) {
                    times.appendObject(time + s * 200L);
                    host.append(name);
                    cpu.append(100 * random.nextDouble());
                    if (random.nextInt(10) == 0) {
                        memory.appendNull();
                    } else {
                        memory.append((1L << 30) + random.nextLong(8L << 30));
                    }
                }
            }
            List<Array> columns = List.of(times.build(blocks), host.build(blocks), cpu.build(blocks), memory.build(blocks));
            return RecordBatch.of(METRICS, rows, columns, blocks);
        }
    }

    /** What a client saw. */
    public record Summary(int batches, long rows, double meanCpu) {}

    /** Adds up and prints what a client receives. */
    static final class Tally {
        private final PrintStream out;
        private int batches;
        private long rows;
        private double cpuSum;

        Tally(PrintStream out) {
            this.out = out;
        }

        /** Prints a line for {@code batch}; returns the number of batches so far. */
        int add(String table, RecordBatch batch) {
            Float64Array cpu = (Float64Array) batch.column("cpu");
            Int64Array memory = (Int64Array) batch.column("memory");
            double sum = 0;
            long maxMemory = 0;
            for (int i = 0; i < batch.rowCount(); i++) {
                sum += cpu.get(i);
                if (!memory.isNull(i)) {
                    maxMemory = Math.max(maxMemory, memory.get(i));
                }
            }
            batches++;
            rows += batch.rowCount();
            cpuSum += sum;
            out.printf("%s batch %d: %d rows, first host %s, mean cpu %.1f%%, max memory %.1f GiB%n", table, batches,
                    batch.rowCount(), batch.column("host").getObject(0), sum / batch.rowCount(),
                    maxMemory / (double) (1L << 30));
            return batches;
        }

        Summary summary() {
            return new Summary(batches, rows, rows == 0 ? 0 : cpuSum / rows);
        }
    }

    /**
     * Watches a service: prints a line per batch, asks for a faster pace after the second batch and
     * says {@code stop} once {@code batches} have come; returns when the service has ended its stream.
     */
    public static Summary watch(Connection transport, BufferAllocator allocator, int batches, PrintStream out)
            throws Exception {
        Tally tally = new Tally(out);
        // readme:metrics-client
        try (LightstreamConnection connection = new LightstreamConnection(transport, allocator)) {
            COMMANDS.register(connection);                      // any order: the handshake matches names
            connection.registerTable("metrics", METRICS);
            for (LightstreamMessage next; (next = connection.receive()) != null; ) {
                try (LightstreamMessage m = next) {
                    if (m instanceof TableBatch(String table, RecordBatch batch)) {
                        int seen = tally.add(table, batch);
                        if (seen == 2) {
                            COMMANDS.send(connection, new Command("interval", 10));
                            connection.flush();
                        } else if (seen == batches) {
                            COMMANDS.send(connection, new Command("stop", 0));
                            connection.flush();
                        }
                    }
                }
            }
        }
        // end:metrics-client
        return tally.summary();
    }

    /** Runs the service on a loopback port and a client against it, in this process. */
    public static Summary demo(BufferAllocator allocator, int batches, PrintStream out) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ConnectionServer server = TcpTransport.listen(loopback, connection -> serve(connection, allocator, out))) {
            out.println("service listening on " + server.endpoint());
            Summary summary = watch(TcpTransport.connect((InetSocketAddress) server.localAddress()), allocator, batches, out);
            out.println("client: " + summary);
            return summary;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "demo";
        try (BufferAllocator allocator = BufferAllocator.create()) {
            switch (mode) {
                case "demo" -> demo(allocator, 10, System.out);
                case "serve" -> {
                    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9000;
                    try (ConnectionServer server = TcpTransport.listen(new InetSocketAddress(port),
                            connection -> serve(connection, allocator, System.out))) {
                        System.out.println("service listening on " + server.endpoint() + " (Ctrl-C to end)");
                        new CountDownLatch(1).await();
                    }
                }
                case "watch" -> {
                    String[] hostPort = args[1].split(":");
                    int batches = args.length > 2 ? Integer.parseInt(args[2]) : 10;
                    watch(TcpTransport.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]))),
                            allocator, batches, System.out);
                }
                default -> System.err.println("usage: MetricsService [demo | serve [port] | watch host:port [batches]]");
            }
        }
    }
}
