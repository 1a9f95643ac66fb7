package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ArrowFileReader#batchRowCount}: the row counts of a file without reading any body. */
class FileRowCountTest {

    static Stream<Path> files() {
        return Golden.uncompressedCases().map(Golden::file).filter(Files::exists);
    }

    @ParameterizedTest
    @MethodSource("files")
    void rowCountsMatchTheBatchesAndReadNoBody(Path file) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             ArrowFileReader reader = new ArrowFileReader(file, allocator)) {
            int[] counts = new int[reader.batchCount()];
            long before = allocator.allocatedBytes();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = reader.batchRowCount(i);
            }
            // Only heap buffers are used for metadata: no body block was allocated.
            assertThat(allocator.allocatedBytes()).isEqualTo(before);
            assertThat(allocator.peakBytes()).isEqualTo(before);
            for (int i = 0; i < counts.length; i++) {
                try (RecordBatch batch = reader.batch(i)) {
                    assertThat(counts[i]).as("batch %d of %s", i, file).isEqualTo(batch.rowCount());
                }
            }
        }
    }

    @Test
    void indexAndLifecycleAreChecked() throws Exception {
        Path file = files().filter(p -> p.toString().contains("1.0.0-littleendian/generated_primitive.arrow_file"))
                .findFirst().orElseThrow();
        try (BufferAllocator allocator = BufferAllocator.leakChecking()) {
            ArrowFileReader reader = new ArrowFileReader(file, allocator);
            assertThat(reader.batchCount()).isGreaterThan(0);
            assertThatThrownBy(() -> reader.batchRowCount(reader.batchCount()))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> reader.batchRowCount(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            reader.close();
            assertThatThrownBy(() -> reader.batchRowCount(0)).isInstanceOf(IllegalStateException.class);
        }
    }
}
