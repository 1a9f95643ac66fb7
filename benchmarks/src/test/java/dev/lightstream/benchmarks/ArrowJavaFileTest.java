package dev.lightstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowMappedFileReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by Arrow Java 19 (8-byte alignment) reads through {@link ArrowMappedFileReader}
 * with every value equal and no buffer copied: 8-byte alignment is enough for every type here.
 */
class ArrowJavaFileTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void arrowJavaFileReadsZeroCopy() throws Exception {
        Path file = dir.resolve("arrow-java.arrow");
        BenchData[] batches = {BenchData.generate(1_000, 1), BenchData.generate(3, 2), BenchData.generate(4_097, 3)};
        try (RootAllocator rootAllocator = new RootAllocator()) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                VectorSchemaRoot first = batches[0].toRoot(rootAllocator);
                try (first; ArrowFileWriter writer = new ArrowFileWriter(first, null, channel)) {
                    writer.start();
                    writer.writeBatch();
                    for (int b = 1; b < batches.length; b++) {
                        try (VectorSchemaRoot next = batches[b].toRoot(rootAllocator);
                             var unloaded = new org.apache.arrow.vector.VectorUnloader(next).getRecordBatch()) {
                            new org.apache.arrow.vector.VectorLoader(first).load(unloaded);
                            writer.writeBatch();
                        }
                    }
                    writer.end();
                }
            }
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                 ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator)) {
                assertThat(reader.batchCount()).isEqualTo(batches.length);
                assertThat(reader.schema()).isEqualTo(BenchData.SCHEMA);
                for (int b = 0; b < batches.length; b++) {
                    try (RecordBatch batch = reader.batch(b);
                         VectorSchemaRoot expected = batches[b].toRoot(rootAllocator)) {
                        assertThat(batch.blocks()).as("batch %d: nothing copied", b).isEmpty();
                        assertSame(expected, batch);
                        assertThat(Ours.sum(batch)).isEqualTo(batches[b].idSum());
                    }
                }
                assertThat(allocator.totalAllocations()).isZero();
            }
        }
    }

    private static void assertSame(VectorSchemaRoot expected, RecordBatch actual) {
        assertThat(actual.rowCount()).isEqualTo(expected.getRowCount());
        BigIntVector id = (BigIntVector) expected.getVector(0);
        Float8Vector x = (Float8Vector) expected.getVector(1);
        VarCharVector name = (VarCharVector) expected.getVector(2);
        BitVector flag = (BitVector) expected.getVector(3);
        Int64Array ids = (Int64Array) actual.column(0);
        Array xs = actual.column(1);
        Array names = actual.column(2);
        Array flags = actual.column(3);
        for (int i = 0; i < expected.getRowCount(); i++) {
            assertThat(ids.get(i)).isEqualTo(id.get(i));
            assertThat(xs.getObject(i)).isEqualTo(x.get(i));
            assertThat(names.getObject(i)).isEqualTo(new String(name.get(i), StandardCharsets.UTF_8));
            assertThat(flags.getObject(i)).isEqualTo(flag.isNull(i) ? null : (Boolean) (flag.get(i) == 1));
        }
    }
}
