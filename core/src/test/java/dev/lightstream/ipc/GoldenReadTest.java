package dev.lightstream.ipc;

import dev.lightstream.fixtures.Batches;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every uncompressed golden case: the .stream and the .arrow_file read to the same schema and batches. */
@Timeout(60)
class GoldenReadTest {
    static Stream<Path> cases() {
        return Golden.uncompressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamAndFileAgree(Path base) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content stream = Golden.readStream(Golden.stream(base), allocator);
                 Golden.Content file = Golden.readFile(Golden.file(base), allocator)) {
                Golden.assertEqual(stream, file, Golden.name(base));
                for (var batch : stream.batches()) {
                    for (int c = 0; c < batch.columnCount(); c++) {
                        var column = batch.column(c);
                        for (int i = 0; i < column.length(); i++) {
                            column.getObject(i); // every value is readable
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bigEndianCases")
    void bigEndianEqualsLittleEndian(Path big) throws Exception {
        Path little = big.getParent().resolveSibling("1.0.0-littleendian").resolve(big.getFileName());
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content b = Golden.readStream(Golden.stream(big), allocator);
                 Golden.Content l = Golden.readStream(Golden.stream(little), allocator);
                 Golden.Content bf = Golden.readFile(Golden.file(big), allocator)) {
                Golden.assertEqual(l, b, Golden.name(big));
                Golden.assertEqual(l, bf, Golden.name(big) + " (file)");
                assertThat(l.batches()).isNotNull();
            }
        }
    }

    static Stream<Path> bigEndianCases() {
        return Golden.cases().stream().filter(p -> p.toString().contains("1.0.0-bigendian"));
    }
}
