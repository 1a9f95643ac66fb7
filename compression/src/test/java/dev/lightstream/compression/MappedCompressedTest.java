package dev.lightstream.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.ipc.ArrowMappedFileReader;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.ipc.SegmentStreamReader;
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

/**
 * Compressed files through {@link ArrowMappedFileReader}: the 2.0.0-compression golden files and
 * uncompressed golden files rewritten with LZ4_FRAME and ZSTD read as {@code ArrowFileReader} reads
 * them; every decompressed buffer lives in an allocator block owned by its batch. The compressed
 * golden streams through {@link SegmentStreamReader} too.
 */
@Timeout(120)
class MappedCompressedTest {
    @TempDir
    Path dir;

    static Stream<Path> compressed() {
        return Golden.compressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compressed")
    void compressedGoldenFiles(Path base) throws Exception {
        assertThat(assertSameAsFileReader(Golden.file(base), Golden.name(base)))
                .as("batches hold their decompressed buffers in allocator blocks").isPositive();
    }

    /** The compressed golden streams, read in place from memory, equal ArrowStreamReader's batches. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("compressed")
    void compressedGoldenStreamsInMemory(Path base) throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(Golden.stream(base));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            var segment = arena.allocate(bytes.length, 64);
            segment.copyFrom(java.lang.foreign.MemorySegment.ofArray(bytes));
            try (Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
                 SegmentStreamReader reader = new SegmentStreamReader(segment, allocator, IpcReadOptions.DEFAULT)) {
                List<RecordBatch> batches = new ArrayList<>();
                for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                    batches.add(next);
                }
                try (Golden.Content actual = new Golden.Content(reader.schema(), batches)) {
                    Golden.assertEqual(expected, actual, Golden.name(base));
                }
            }
        }
    }

    static Stream<Path> someUncompressed() {
        return Golden.uncompressedCases().filter(p -> p.toString().contains("1.0.0-littleendian"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("someUncompressed")
    void rewrittenCompressed(Path base) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             Golden.Content original = Golden.readFile(Golden.file(base), allocator)) {
            for (CompressionType type : List.of(CompressionType.LZ4_FRAME, CompressionType.ZSTD)) {
                Path file = RoundTrip.writeFile(original.schema(), original.batches(), allocator,
                        IpcWriteOptions.DEFAULT.withCompression(type), dir);
                assertSameAsFileReader(file, Golden.name(base) + " " + type);
            }
        }
    }

    /** Compares, and returns the number of allocator blocks the mapped batches held. */
    private static int assertSameAsFileReader(Path file, String name) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content expected = Golden.readFile(file, allocator);
                 ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator)) {
                List<RecordBatch> batches = new ArrayList<>();
                for (int i = 0; i < reader.batchCount(); i++) {
                    batches.add(reader.batch(i));
                }
                try (Golden.Content actual = new Golden.Content(reader.schema(), batches)) {
                    Golden.assertEqual(expected, actual, name);
                    return batches.stream().mapToInt(b -> b.blocks().size()).sum();
                }
            }
        }
    }
}
