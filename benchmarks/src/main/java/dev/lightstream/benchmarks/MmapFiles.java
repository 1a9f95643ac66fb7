package dev.lightstream.benchmarks;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of the memory-mapped measurements: {@code rows} rows of {@code a} int64 (0, 1, 2...),
 * {@code b} float64, {@code c} uint32 and {@code d} bool, written once as one single record batch
 * and once in batches of 65,536 rows, and kept in the data directory for later runs (about 2 GB
 * each for 100,000,000 rows).
 */
final class MmapFiles {
    static final Schema SCHEMA = Schema.of(Field.of("a", DataType.INT64), Field.of("b", DataType.FLOAT64),
            Field.of("c", DataType.UINT32), Field.of("d", DataType.BOOL));
    static final int SMALL_BATCH_ROWS = 65_536;

    private MmapFiles() {}

    static Path single(Path dir, int rows) {
        return dir.resolve("mmap-" + rows + "x4-single.arrow");
    }

    static Path batched(Path dir, int rows) {
        return dir.resolve("mmap-" + rows + "x4-64k.arrow");
    }

    /** The sum of column {@code a}: 0 + 1 + ... + (rows - 1). */
    static long sumOfA(int rows) {
        return (long) rows * (rows - 1) / 2;
    }

    /** Writes the two files unless they exist. */
    static void ensure(Path dir, int rows, PrintStream log) throws IOException {
        Path single = single(dir, rows);
        Path batched = batched(dir, rows);
        if (Files.exists(single) && Files.exists(batched)) {
            return;
        }
        if (log != null) {
            log.println("writing the " + rows + "-row files for the mmap measurements into " + dir + " (once)...");
        }
        try (BufferAllocator allocator = BufferAllocator.create(); RecordBatch batch = generate(rows, allocator)) {
            write(single, List.of(batch), allocator);
            List<RecordBatch> slices = new ArrayList<>();
            for (int from = 0; from < rows; from += SMALL_BATCH_ROWS) {
                slices.add(batch.slice(from, Math.min(SMALL_BATCH_ROWS, rows - from)));
            }
            try {
                write(batched, slices, allocator);
            } finally {
                slices.forEach(RecordBatch::close);
            }
        }
    }

    private static void write(Path target, List<RecordBatch> batches, BufferAllocator allocator) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (ArrowFileWriter writer = new ArrowFileWriter(partial, SCHEMA, allocator)) {
            for (RecordBatch b : batches) {
                writer.write(b);
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static RecordBatch generate(int rows, BufferAllocator allocator) {
        MemoryBlock a = allocator.allocateUninitialized(rows * 8L);
        MemoryBlock b = allocator.allocateUninitialized(rows * 8L);
        MemoryBlock c = allocator.allocateUninitialized(rows * 4L);
        MemoryBlock d = allocator.allocate((rows + 7L) / 8);
        MemorySegment as = a.segment();
        MemorySegment bs = b.segment();
        MemorySegment cs = c.segment();
        MemorySegment ds = d.segment();
        for (int i = 0; i < rows; i++) {
            as.setAtIndex(ValueLayout.JAVA_LONG, i, i);
            bs.setAtIndex(ValueLayout.JAVA_DOUBLE, i, i * 0.25);
            cs.setAtIndex(ValueLayout.JAVA_INT, i, (int) (i * 2654435761L));
            if (i % 3 == 0) {
                long byteIndex = i >>> 3;
                ds.set(ValueLayout.JAVA_BYTE, byteIndex, (byte) (ds.get(ValueLayout.JAVA_BYTE, byteIndex) | (1 << (i & 7))));
            }
        }
        List<Array> columns = List.of(
                column(DataType.INT64, rows, as), column(DataType.FLOAT64, rows, bs),
                column(DataType.UINT32, rows, cs), column(DataType.BOOL, rows, ds));
        return RecordBatch.of(SCHEMA, rows, columns, List.of(a, b, c, d));
    }

    private static Array column(DataType type, int rows, MemorySegment values) {
        return Array.of(new ArrayData(type, rows, 0, 0, new MemorySegment[] {null, values}, List.of(), null));
    }
}
