package dev.lightstream.benchmarks;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * An IPC stream over a socket, writer and reader in separate threads, the reader summing a column
 * of every batch: {@code tcp-64k}, {@code tcp-1k}, {@code uds-64k}, {@code uds-1k} (peers Arrow
 * Java and the raw pump), {@code lz4-stream} and {@code zstd-stream} (peer Arrow Java with
 * arrow-compression), {@code flight-64k} and {@code flight-1k} (peer Arrow Flight DoGet).
 *
 * <p>Every side moves the same rows: {@code copies} copies of one batch of {@code batchRows} rows,
 * as many as make {@link Scale#streamBytes()} of our uncompressed encoding.
 */
final class StreamMeasurement extends Measurement {
    /** Which peers run against ours. */
    enum Peers { ARROW_JAVA_AND_PUMP, ARROW_JAVA, FLIGHT }

    private final Connections.Kind kind;
    private final int batchRows;
    private final CompressionType compression;
    private final Peers peers;
    private BufferAllocator allocator;
    private RootAllocator rootAllocator;
    private RecordBatch batch;
    private VectorSchemaRoot root;
    private Connections connections;
    private ExecutorService writer;
    private FlightPeer flight;
    private long copies;

    StreamMeasurement(String name, Connections.Kind kind, int batchRows, CompressionType compression, Peers peers) {
        super(name, MB_PER_S);
        this.kind = kind;
        this.batchRows = batchRows;
        this.compression = compression;
        this.peers = peers;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        rootAllocator = new RootAllocator();
        BenchData data = BenchData.generate(batchRows, 7);
        batch = data.toBatch(allocator);
        root = data.toRoot(rootAllocator);
        long perBatch = countStreamBytes(2) - countStreamBytes(1);
        // Compressed streams run at MB/s, not GB/s (Arrow Java's LZ4 at about 1 MB/s): less volume.
        long volume = switch (compression) {
            case NONE -> scale.streamBytes();
            case ZSTD -> scale.streamBytes() / 16;
            case LZ4_FRAME -> scale.streamBytes() / 128;
        };
        copies = Math.max(1, volume / perBatch);
        referenceBytes = countStreamBytes(copies);
        referenceRows = copies * batchRows;
        connections = Connections.listen(kind, workspace.tempDir());
        writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("bench-writer").unstarted(r));
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(compression);
        CompressionUtil.CodecType codec = switch (compression) {
            case NONE -> CompressionUtil.CodecType.NO_COMPRESSION;
            case LZ4_FRAME -> CompressionUtil.CodecType.LZ4_FRAME;
            case ZSTD -> CompressionUtil.CodecType.ZSTD;
        };
        List<Side> sides = new ArrayList<>();
        sides.add(new Side(Side.OURS, () -> pipe(
                c -> Ours.writeStream(c, batch, copies, allocator, options),
                c -> Ours.readStream(c, allocator))));
        if (peers == Peers.FLIGHT) {
            flight = FlightPeer.start(rootAllocator, root, copies);
            sides.add(new Side(Side.ARROW_FLIGHT, flight::doGet));
        } else {
            boolean compressed = compression != CompressionType.NONE;
            sides.add(new Side(Side.ARROW_JAVA, () -> pipe(
                    c -> Theirs.writeStream(c, root, copies, codec),
                    c -> Theirs.readStream(c, rootAllocator, compressed))));
        }
        if (peers == Peers.ARROW_JAVA_AND_PUMP) {
            sides.add(new Side(Side.RAW_PUMP, () -> pipe(c -> RawPump.write(c, referenceBytes), RawPump::read)));
        }
        return sides;
    }

    private interface WriteEnd {
        long write(java.nio.channels.SocketChannel channel) throws Exception;
    }

    private interface ReadEnd {
        Moved read(java.nio.channels.SocketChannel channel) throws Exception;
    }

    /** One connection: the writer on the writer thread, the reader here. */
    private Moved pipe(WriteEnd writeEnd, ReadEnd readEnd) throws Exception {
        try (Connections.Pair pair = connections.connect()) {
            Future<Long> written = writer.submit(() -> writeEnd.write(pair.client()));
            Moved read;
            try {
                read = readEnd.read(pair.server());
            } catch (Exception e) {
                written.cancel(true);
                throw e;
            }
            long bytes = written.get();
            return new Moved(read.rows(), read.bytes() > 0 ? read.bytes() : bytes, read.checksum());
        }
    }

    /** Our uncompressed stream of {@code n} copies, written to a channel that only counts. */
    private long countStreamBytes(long n) throws IOException {
        return Ours.writeStream(new CountingChannel(), batch, n, allocator, IpcWriteOptions.DEFAULT);
    }

    @Override
    public void close() throws Exception {
        if (flight != null) {
            flight.close();
        }
        if (writer != null) {
            writer.shutdownNow();
        }
        if (connections != null) {
            connections.close();
        }
        if (batch != null) {
            batch.close();
        }
        if (root != null) {
            root.close();
        }
        if (rootAllocator != null) {
            rootAllocator.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }

    /** A channel that discards what is written and counts it. */
    static final class CountingChannel implements GatheringByteChannel {
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
