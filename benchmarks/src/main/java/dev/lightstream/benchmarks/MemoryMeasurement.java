package dev.lightstream.benchmarks;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.ipc.SegmentStreamReader;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * {@code mem-64k} and {@code mem-1k}: decoding an IPC stream that is already in memory (each
 * side's own encoding of the same rows), summing a column of every batch. Ours reads it in place
 * with {@link SegmentStreamReader} (batches are views of the memory); Arrow Java, which has no such
 * reader, reads it with its {@code ArrowStreamReader} over a {@link MemoryChannel}. The raw pump
 * copies as many bytes out of memory through the same channel: the memory bandwidth.
 */
final class MemoryMeasurement extends Measurement {
    private final int batchRows;
    private BufferAllocator allocator;
    private RootAllocator rootAllocator;
    private Arena arena;
    private ByteBuffer ours;
    private MemorySegment oursSegment;
    private ByteBuffer theirs;

    MemoryMeasurement(String name, int batchRows) {
        super(name, MB_PER_S);
        this.batchRows = batchRows;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        rootAllocator = new RootAllocator();
        arena = Arena.ofShared();
        BenchData data = BenchData.generate(batchRows, 11);
        Path file = workspace.tempDir().resolve(name() + ".stream");
        try (RecordBatch batch = data.toBatch(allocator); VectorSchemaRoot root = data.toRoot(rootAllocator)) {
            long perBatch = Ours.writeStream(new StreamMeasurement.CountingChannel(), batch, 2, allocator,
                    IpcWriteOptions.DEFAULT) - Ours.writeStream(new StreamMeasurement.CountingChannel(), batch, 1,
                    allocator, IpcWriteOptions.DEFAULT);
            long copies = Math.max(1, scale.streamBytes() / perBatch);
            referenceRows = copies * batchRows;
            try (FileChannel out = open(file)) {
                referenceBytes = Ours.writeStream(out, batch, copies, allocator, IpcWriteOptions.DEFAULT);
            }
            ours = load(file);
            oursSegment = MemorySegment.ofBuffer(ours);
            try (FileChannel out = open(file)) {
                Theirs.writeStream(out, root, copies, CompressionUtil.CodecType.NO_COMPRESSION);
            }
            theirs = load(file);
            Files.delete(file);
        }
        return List.of(
                new Side(Side.OURS, () -> withBytes(readInPlace(), ours)),
                new Side(Side.ARROW_JAVA, () -> withBytes(
                        Theirs.readStream(new MemoryChannel(theirs), rootAllocator, false), theirs)),
                new Side(Side.RAW_PUMP, () -> RawPump.read(new MemoryChannel(ours))));
    }

    private Moved readInPlace() throws IOException {
        long rows = 0;
        long sum = 0;
        try (SegmentStreamReader reader = new SegmentStreamReader(oursSegment, allocator, IpcReadOptions.DEFAULT)) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    sum += Ours.sum(batch);
                    rows += batch.rowCount();
                }
            }
        }
        return new Moved(rows, 0, sum);
    }

    private static Moved withBytes(Moved moved, ByteBuffer stream) {
        return new Moved(moved.rows(), stream.remaining(), moved.checksum());
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The file's bytes in native memory that is not the page cache. */
    private ByteBuffer load(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file)) {
            long size = in.size();
            MemorySegment segment = arena.allocate(size, 64);
            ByteBuffer buffer = segment.asByteBuffer();
            while (buffer.hasRemaining()) {
                if (in.read(buffer) < 0) {
                    throw new IOException("file shrank");
                }
            }
            return buffer.flip().asReadOnlyBuffer();
        }
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
        if (rootAllocator != null) {
            rootAllocator.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }
}
