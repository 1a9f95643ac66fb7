package dev.lightstream.benchmarks;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.RawMessage;
import dev.lightstream.protocol.TableBatch;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.tcp.TcpTransport;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Lightstream protocol over TCP loopback, sender on a writer thread and receiver on the
 * measuring thread, against a raw byte pump moving as many bytes over the same kind of connection:
 * <ul>
 *   <li>{@code protocol-small}: messages of 64 bytes on one message channel, sent one by one (the
 *       connection queues them and writes 64 KiB at a time) and received one by one; the receiver
 *       reads the sequence number each carries. Reported in MB/s of wire bytes like every stream
 *       measurement, and in messages per second ({@code messages_per_s} in the JSON line).</li>
 *   <li>{@code protocol-table}: batches of 65,536 rows of the stream measurements' data on one
 *       table channel; the receiver sums the {@code id} column of every batch, as the IPC readers
 *       do.</li>
 * </ul>
 * Each run connects afresh and runs the handshake: both count, and are a few hundred bytes and a
 * round trip. The byte count of a run is what the receiving connection reads (the peer's hello, then
 * {@code [tag][length][payload]} frames: for a table the schema with the first batch, then one
 * frame per batch), measured once in {@link #setUp} with zero, one and two messages. The volume is
 * that of the stream measurements ({@link Scale#streamBytes()}).
 */
final class ProtocolMeasurement extends Measurement {
    /** The two workloads. */
    enum Kind { SMALL, TABLE }

    /** Bytes of a small message's payload. */
    static final int SMALL_BYTES = 64;
    private static final String CHANNEL = "m";
    /** A constant: a layout made per read would cost a var handle lookup each time. */
    private static final ValueLayout.OfLong SEQUENCE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Kind kind;
    private final int batchRows;
    private BufferAllocator allocator;
    private RecordBatch batch;
    private Acceptor acceptor;
    private ExecutorService writer;
    private long count;

    ProtocolMeasurement(String name, Kind kind, int batchRows) {
        super(name, MB_PER_S);
        this.kind = kind;
        this.batchRows = batchRows;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        acceptor = TcpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("bench-writer").unstarted(r));
        if (kind == Kind.TABLE) {
            batch = BenchData.generate(batchRows, 7).toBatch(allocator);
        }
        // What the receiver reads for 0, 1 and 2 messages: the fixed part (the hello; for a table,
        // the schema too) and the bytes per message, exactly as they go over the wire.
        long one = run(1).bytes();
        long perMessage = run(2).bytes() - one;
        long fixed = one - perMessage;
        count = Math.max(1, (scale.streamBytes() - fixed) / perMessage);
        referenceBytes = fixed + count * perMessage;
        if (kind == Kind.TABLE) {
            referenceRows = count * batchRows;
        } else {
            referenceMessages = count;
        }
        return List.of(
                new Side(Side.OURS, () -> run(count)),
                new Side(Side.RAW_PUMP, this::pump));
    }

    /** One connected pair of TCP connections from the listening socket; the caller closes both. */
    private Connection[] connect() throws IOException {
        Connection client = TcpTransport.connect((InetSocketAddress) acceptor.localAddress());
        try {
            return new Connection[] {client, acceptor.accept()};
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /** {@code n} messages or batches one way over a fresh protocol connection. */
    private Moved run(long n) throws Exception {
        Connection[] pair = connect();
        try (LightstreamConnection receiver = new LightstreamConnection(pair[1], allocator);
                LightstreamConnection sender = new LightstreamConnection(pair[0], allocator)) {
            register(sender);
            register(receiver);
            Future<Void> sent = writer.submit(() -> {
                try {
                    send(sender, n);
                } catch (Exception e) {
                    sender.transport().close(); // or the receiver waits for the rest forever
                    throw e;
                }
                return null;
            });
            Moved received;
            try {
                received = kind == Kind.SMALL ? receiveSmall(receiver) : receiveTables(receiver);
            } catch (Exception e) {
                sent.cancel(true);
                throw e;
            }
            sent.get();
            return received;
        }
    }

    private void register(LightstreamConnection connection) {
        if (kind == Kind.SMALL) {
            connection.registerMessage(CHANNEL);
        } else {
            connection.registerTable(CHANNEL, BenchData.SCHEMA);
        }
    }

    private void send(LightstreamConnection sender, long n) throws IOException {
        if (kind == Kind.SMALL) {
            // One payload array reused, as a producer with a scratch buffer would: the send copies it.
            byte[] payload = new byte[SMALL_BYTES];
            ByteBuffer view = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                view.putLong(0, i);
                sender.send(CHANNEL, payload);
            }
        } else {
            for (long i = 0; i < n; i++) {
                sender.sendTable(CHANNEL, batch);
            }
        }
        sender.shutdownOutput();
    }

    /** Receives to the end; the checksum is the sum of the sequence numbers. */
    private static Moved receiveSmall(LightstreamConnection receiver) throws IOException {
        long messages = 0;
        long sum = 0;
        for (LightstreamMessage next = receiver.receive(); next != null; next = receiver.receive()) {
            try (RawMessage message = (RawMessage) next) {
                sum += message.payload().get(SEQUENCE, 0);
                messages++;
            }
        }
        return new Moved(messages, receiver.bytesReceived(), sum);
    }

    /** Receives to the end, summing the {@code id} column of every batch. */
    private static Moved receiveTables(LightstreamConnection receiver) throws IOException {
        long rows = 0;
        long sum = 0;
        for (LightstreamMessage next = receiver.receive(); next != null; next = receiver.receive()) {
            try (TableBatch table = (TableBatch) next) {
                sum += Ours.sum(table.batch());
                rows += table.batch().rowCount();
            }
        }
        return new Moved(rows, receiver.bytesReceived(), sum);
    }

    /** The same bytes through a fresh pair of the same connections, with no format at all. */
    private Moved pump() throws Exception {
        Connection[] pair = connect();
        try (Connection reading = pair[1]) {
            Future<Long> written = writer.submit(() -> RawPump.write(pair[0], referenceBytes));
            Moved read;
            try {
                read = RawPump.read(reading);
            } catch (Exception e) {
                written.cancel(true);
                throw e;
            }
            written.get();
            return read;
        }
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.shutdownNow();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        if (batch != null) {
            batch.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }
}
