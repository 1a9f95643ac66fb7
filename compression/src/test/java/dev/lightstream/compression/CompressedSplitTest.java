package dev.lightstream.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.StreamDecoding;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compressed golden streams pushed in any split, and truncated at every prefix. */
@Timeout(120)
class CompressedSplitTest {
    static Stream<Path> cases() {
        return Golden.compressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anySplitAndEveryPrefix(Path base) throws Exception {
        byte[] bytes = Files.readAllBytes(Golden.stream(base));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (Golden.Content whole = Golden.readStream(Golden.stream(base), allocator)) {
                for (int chunk : new int[] {1, 2, 8, 123, bytes.length}) {
                    for (boolean direct : new boolean[] {false, true}) {
                        try (Golden.Content split = StreamDecoding.decode(bytes, chunk, direct, allocator)) {
                            Golden.assertEqual(whole, split, Golden.name(base) + " chunk=" + chunk + " direct=" + direct);
                        }
                    }
                }
            }
            int step = bytes.length < 20_000 ? 1 : bytes.length / 300;
            assertThat(StreamDecoding.checkPrefixes(bytes, allocator, step)).isGreaterThanOrEqualTo(2);
        }
        try (BufferAllocator allocator = BufferAllocator.create()) {
            for (int length : StreamDecoding.prefixes(bytes.length, 300)) {
                StreamDecoding.readTruncated(bytes, length, allocator);
            }
            assertThat(allocator.allocatedBytes()).isZero();
        }
    }
}
