package dev.lightstream.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 2.0.0-compression golden cases, and every golden case round-tripped with LZ4_FRAME and ZSTD. */
@Timeout(120)
class CompressedGoldenTest {
    @TempDir
    Path dir;

    static Stream<Path> compressed() {
        return Golden.compressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressed")
    void compressedCasesRead(Path base) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content stream = Golden.readStream(Golden.stream(base), allocator);
                 Golden.Content file = Golden.readFile(Golden.file(base), allocator)) {
                Golden.assertEqual(stream, file, Golden.name(base));
                assertThat(stream.batches()).isNotEmpty();
                long values = 0;
                for (RecordBatch batch : stream.batches()) {
                    for (int c = 0; c < batch.columnCount(); c++) {
                        for (int i = 0; i < batch.rowCount(); i++) {
                            batch.column(c).getObject(i);
                            values++;
                        }
                    }
                }
                assertThat(values).isPositive();
            }
        }
    }

    static Stream<Arguments> roundTrips() {
        return Stream.concat(Golden.uncompressedCases(), Golden.compressedCases())
                .flatMap(base -> Stream.of(CompressionType.LZ4_FRAME, CompressionType.ZSTD)
                        .map(type -> Arguments.of(base, type)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("roundTrips")
    void roundTripCompressed(Path base, CompressionType type) throws Exception {
        String name = Golden.name(base) + " " + type;
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(type);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content original = Golden.readStream(Golden.stream(base), allocator)) {
                byte[] stream = RoundTrip.writeStream(original.schema(), original.batches(), allocator, options);
                try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
                    Golden.assertEqual(original, back, name + " (stream)");
                    back.batches().forEach(b -> RoundTrip.assertAlignedInsideBlocks(b, name));
                }
                Path file = RoundTrip.writeFile(original.schema(), original.batches(), allocator, options, dir);
                try (Golden.Content back = Golden.readFile(file, allocator)) {
                    Golden.assertEqual(original, back, name + " (file)");
                }
                Files.delete(file);
            }
        }
    }
}
