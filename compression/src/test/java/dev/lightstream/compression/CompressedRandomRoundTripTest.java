package dev.lightstream.compression;

import dev.lightstream.fixtures.RoundTripProperty;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.IpcWriteOptions;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IPC round-trip property of core ({@link RoundTripProperty}) with compressed bodies: every
 * seed written with LZ4_FRAME and with ZSTD, read back equal, aligned, without leaks. Core runs
 * the uncompressed case; it cannot see these codecs. {@code -Dlightstream.roundtrip.seeds=N} runs
 * N seeds per codec.
 */
@Timeout(60)
class CompressedRandomRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return RoundTripProperty.seeds(150).boxed().flatMap(seed -> Stream.of(
                Arguments.of(CompressionType.LZ4_FRAME, seed), Arguments.of(CompressionType.ZSTD, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void writtenCompressedThenReadBackEqual(CompressionType codec, long seed) {
        RoundTripProperty.check(seed, IpcWriteOptions.DEFAULT.withCompression(codec), dir);
    }
}
