package dev.lightstream.ipc;

import dev.lightstream.fixtures.Batches;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case read, written by our stream and file writers, read back equal and aligned. */
@Timeout(60)
class RoundTripTest {
    @TempDir
    Path dir;

    static Stream<Path> cases() {
        return Golden.uncompressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamAndFileRoundTrip(Path base) throws Exception {
        String name = Golden.name(base);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content original = Golden.readStream(Golden.stream(base), allocator)) {
                byte[] stream = RoundTrip.writeStream(original.schema(), original.batches(), allocator, IpcWriteOptions.DEFAULT);
                try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
                    Golden.assertEqual(original, back, name + " (stream)");
                    back.batches().forEach(b -> RoundTrip.assertAlignedInsideBlocks(b, name));
                }
                Path file = RoundTrip.writeFile(original.schema(), original.batches(), allocator, IpcWriteOptions.DEFAULT, dir);
                try (Golden.Content back = Golden.readFile(file, allocator)) {
                    Golden.assertEqual(original, back, name + " (file)");
                    back.batches().forEach(b -> RoundTrip.assertAlignedInsideBlocks(b, name + " (file)"));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void slicedBatchesEqualTheirSlice(Path base) throws Exception {
        String name = Golden.name(base);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content original = Golden.readStream(Golden.stream(base), allocator)) {
                List<RecordBatch> slices = new ArrayList<>();
                try {
                    for (RecordBatch batch : original.batches()) {
                        int rows = batch.rowCount();
                        // odd offsets shift bitmaps; the tail slice rebases offsets and child ranges
                        int[][] ranges = {{0, rows / 2}, {Math.min(rows, 3), Math.max(0, rows - 3 - rows / 3)},
                                {rows / 2, rows - rows / 2}, {Math.min(1, rows), Math.max(0, rows - 1)}};
                        for (int[] r : ranges) {
                            slices.add(batch.slice(r[0], r[1]));
                        }
                    }
                    byte[] stream = RoundTrip.writeStream(original.schema(), slices, allocator, IpcWriteOptions.DEFAULT);
                    try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
                        assertThat(back.batches()).hasSameSizeAs(slices);
                        for (int i = 0; i < slices.size(); i++) {
                            Batches.assertEqual(slices.get(i), back.batches().get(i), name + " slice " + i);
                        }
                    }
                } finally {
                    slices.forEach(RecordBatch::close);
                }
            }
        }
    }
}
