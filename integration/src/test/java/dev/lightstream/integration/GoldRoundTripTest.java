package dev.lightstream.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every gold file, written back by the writer and read again, compares equal to the first reading. */
@Timeout(60)
class GoldRoundTripTest {

    static List<Path> goldFiles() {
        return GoldFiles.all();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("goldFiles")
    void writtenBackAndReadAgainIsEqual(Path file) throws Exception {
        IntegrationComparator comparator = IntegrationComparator.withQuirks(Quirk.forGoldFolder(GoldFiles.folder(file)));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (IntegrationJsonFile first = IntegrationJsonReader.read(file, allocator)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                IntegrationJsonWriter.write(out, first.data());
                try (IntegrationJsonFile second = IntegrationJsonReader.read(new ByteArrayInputStream(out.toByteArray()), allocator)) {
                    Comparison result = comparator.compare(first.data(), second.data());
                    assertThat(result.isEqual()).as("%s: %s", GoldFiles.label(file), result).isTrue();
                    assertThat(result.toString()).isEqualTo("equal");
                    // The same bytes again: the writer is deterministic and its output is a fixed point.
                    ByteArrayOutputStream again = new ByteArrayOutputStream();
                    IntegrationJsonWriter.write(again, second.data());
                    assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
                }
            }
            allocator.assertNoLeaks();
        }
    }

    /**
     * Batches sliced to drop their first and last rows are written as the slice: offsets into
     * data, children that follow their parent and run ends are all shifted correctly.
     */
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("goldFiles")
    void slicedBatchesAreWrittenAsTheirSlice(Path file) throws Exception {
        IntegrationComparator comparator = IntegrationComparator.withQuirks(Quirk.forGoldFolder(GoldFiles.folder(file)));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (IntegrationJsonFile first = IntegrationJsonReader.read(file, allocator)) {
                List<RecordBatch> slices = new ArrayList<>();
                for (RecordBatch batch : first.batches()) {
                    int rows = batch.rowCount();
                    slices.add(rows >= 3 ? batch.slice(1, rows - 2) : batch.slice(0, rows));
                }
                IntegrationData sliced = new IntegrationData(first.schema(), first.dictionaries(), slices);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                IntegrationJsonWriter.write(out, sliced);
                try (IntegrationJsonFile second = IntegrationJsonReader.read(new ByteArrayInputStream(out.toByteArray()), allocator)) {
                    Comparison result = comparator.compare(sliced, second.data());
                    assertThat(result.isEqual()).as("%s: %s", GoldFiles.label(file), result).isTrue();
                    for (int b = 0; b < slices.size(); b++) {
                        assertThat(second.batches().get(b).rowCount()).isEqualTo(slices.get(b).rowCount());
                    }
                } finally {
                    slices.forEach(RecordBatch::close);
                }
            }
            allocator.assertNoLeaks();
        }
    }

    @Test
    void gzipPathIsCompressedAndReadsBack(@TempDir Path dir) throws Exception {
        Path gold = GoldFiles.of("cpp-21.0.0", "nested");
        Path written = dir.resolve("nested.json.gz");
        try (BufferAllocator allocator = BufferAllocator.create();
                IntegrationJsonFile first = IntegrationJsonReader.read(gold, allocator)) {
            IntegrationJsonWriter.write(written, first.data());
            byte[] bytes = Files.readAllBytes(written);
            assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
            assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
            try (IntegrationJsonFile second = IntegrationJsonReader.read(written, allocator)) {
                assertThat(IntegrationComparator.strict().compare(first.data(), second.data()).isEqual()).isTrue();
            }
        }
    }
}
