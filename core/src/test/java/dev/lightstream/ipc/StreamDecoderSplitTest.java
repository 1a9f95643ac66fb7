package dev.lightstream.ipc;

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

/** Every golden stream pushed in any split, and truncated at every prefix. */
@Timeout(120)
class StreamDecoderSplitTest {
    static Stream<Path> cases() {
        return Golden.uncompressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anySplitGivesTheSameBatches(Path base) throws Exception {
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
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void truncationIsEofOrCleanEnd(Path base) throws Exception {
        byte[] bytes = Files.readAllBytes(Golden.stream(base));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            // every prefix under 20 KB; beyond, every message boundary and ~300 prefixes between
            int step = bytes.length < 20_000 ? 1 : bytes.length / 300;
            int boundaries = StreamDecoding.checkPrefixes(bytes, allocator, step);
            assertThat(boundaries).as("message boundaries").isGreaterThanOrEqualTo(2);
        }
        // The decoder saw every prefix above; the reader gets real truncated input at up to 300
        // prefixes, with a pooled allocator checked empty afterwards.
        try (BufferAllocator allocator = BufferAllocator.create()) {
            int clean = 0;
            for (int length : StreamDecoding.prefixes(bytes.length, 300)) {
                if (StreamDecoding.readTruncated(bytes, length, allocator)) {
                    clean++;
                }
            }
            assertThat(StreamDecoding.readTruncated(bytes, bytes.length, allocator)).isTrue();
            assertThat(clean).as("clean ends are at message boundaries only").isLessThanOrEqualTo(
                    StreamDecoding.checkPrefixes(bytes, allocator, bytes.length + 1));
            assertThat(allocator.allocatedBytes()).as("bytes still allocated").isZero();
        }
    }
}
