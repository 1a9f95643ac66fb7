package dev.lightstream.benchmarks;

import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowMappedFileReader;
import dev.lightstream.memory.BufferAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

/**
 * The memory-mapped file measurements over the {@link MmapFiles} (100M rows x 4 columns):
 * <ul>
 *   <li>{@code mmap-open}: milliseconds from opening the single-batch file to holding its batch;
 *       ours maps it, Arrow Java's {@code ArrowFileReader} reads and loads it.</li>
 *   <li>{@code mmap-open-64k}: the same for the file of 65,536-row batches (the first batch).</li>
 *   <li>{@code mmap-scan}: open the single-batch file and sum its int64 column, in million rows
 *       per second; the raw pump sums the same bytes of a mapping made beforehand, with plain
 *       segment reads (the hardware's limit).</li>
 * </ul>
 * Closing the readers is not timed. The files are in the page cache after the first run.
 */
final class MmapMeasurement extends Measurement {
    enum Kind { OPEN, OPEN_64K, SCAN }

    private final Kind kind;
    private BufferAllocator allocator;
    private RootAllocator rootAllocator;
    private ArrowMappedFileReader pumpReader;
    private Path file;
    private int rows;

    MmapMeasurement(String name, Kind kind) {
        super(name, kind == Kind.SCAN ? MROWS_PER_S : MS);
        this.kind = kind;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        rows = scale.mmapRows();
        MmapFiles.ensure(workspace.dataDir(), rows, System.err);
        file = kind == Kind.OPEN_64K ? MmapFiles.batched(workspace.dataDir(), rows)
                : MmapFiles.single(workspace.dataDir(), rows);
        referenceRows = rows;
        referenceBytes = Files.size(file);
        allocator = BufferAllocator.create();
        rootAllocator = new RootAllocator();
        List<Side> sides = new ArrayList<>();
        sides.add(new Side(Side.OURS, kind == Kind.SCAN ? this::scanOurs : this::openOurs));
        sides.add(new Side(Side.ARROW_JAVA, kind == Kind.SCAN ? this::scanTheirs : this::openTheirs));
        if (kind == Kind.SCAN) {
            pumpReader = ArrowMappedFileReader.open(file, allocator);
            MemorySegment values = ((Int64Array) pumpReader.batch(0).column(0)).values();
            sides.add(new Side(Side.RAW_PUMP, () -> scanRaw(values)));
        }
        return sides;
    }

    /** Arrow Java's loads of the whole 2 GB batch take about a second: fewer of them. */
    private boolean slow(Side side) {
        return side.name().equals(Side.ARROW_JAVA) && kind != Kind.OPEN_64K;
    }

    /** Opens that take a millisecond or less get more runs, and more warm-up for the JIT. */
    private boolean quick(Side side) {
        return kind != Kind.SCAN && !slow(side);
    }

    @Override
    public int runs(Side side, Scale scale) {
        return slow(side) ? scale.slowRuns() : quick(side) ? scale.runs() * 5 : scale.runs();
    }

    @Override
    public int warmups(Side side, Scale scale) {
        return slow(side) ? Math.min(1, scale.warmups()) : quick(side) ? scale.warmups() * 50 + 1 : scale.warmups();
    }

    private Moved openOurs() throws Exception {
        long start = System.nanoTime();
        try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator);
             RecordBatch batch = reader.batch(0)) {
            long nanos = System.nanoTime() - start;
            Int64Array a = (Int64Array) batch.column(0);
            return new Moved(batch.rowCount(), referenceBytes, a.get(batch.rowCount() - 1), nanos);
        }
    }

    private Moved openTheirs() throws Exception {
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file);
             ArrowFileReader reader = new ArrowFileReader(channel, rootAllocator)) {
            reader.loadRecordBatch(reader.getRecordBlocks().get(0));
            long nanos = System.nanoTime() - start;
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            BigIntVector a = (BigIntVector) root.getVector(0);
            return new Moved(root.getRowCount(), referenceBytes, a.get(root.getRowCount() - 1), nanos);
        }
    }

    private Moved scanOurs() throws Exception {
        long start = System.nanoTime();
        try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator);
             RecordBatch batch = reader.batch(0)) {
            long sum = Ours.sum(batch);
            return new Moved(batch.rowCount(), referenceBytes, sum, System.nanoTime() - start);
        }
    }

    private Moved scanTheirs() throws Exception {
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file);
             ArrowFileReader reader = new ArrowFileReader(channel, rootAllocator)) {
            reader.loadRecordBatch(reader.getRecordBlocks().get(0));
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            long sum = Theirs.sum(root);
            return new Moved(root.getRowCount(), referenceBytes, sum, System.nanoTime() - start);
        }
    }

    private Moved scanRaw(MemorySegment values) {
        long sum = 0;
        for (long i = 0, n = rows; i < n; i++) {
            sum += values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        }
        return new Moved(rows, rows * 8L, sum);
    }

    @Override
    public void close() throws Exception {
        if (pumpReader != null) {
            pumpReader.close();
        }
        if (rootAllocator != null) {
            rootAllocator.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }
}
