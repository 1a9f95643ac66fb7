package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.DictionaryEvolution;
import dev.lightstream.fixtures.RoundTripProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IPC round-trip property over random seeds, uncompressed (the compression module runs it
 * with LZ4_FRAME and ZSTD): see {@link RoundTripProperty}. Run thousands of seeds with
 * {@code -Dlightstream.roundtrip.seeds=5000}, one with
 * {@code -Dlightstream.roundtrip.firstSeed=S -Dlightstream.roundtrip.seeds=1}.
 */
@Timeout(60)
class RandomRoundTripTest {
    @TempDir
    Path dir;

    static LongStream seeds() {
        return RoundTripProperty.seeds(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void writtenThenReadBackEqual(long seed) {
        RoundTripProperty.check(seed, IpcWriteOptions.DEFAULT, dir);
    }

    /** The seeds of the suite exercise every dictionary mode, as decoded messages show, and slicing. */
    @Test
    void theFirstSeedsCoverEveryDictionaryModeAndSlicing() throws IOException {
        Map<DictionaryEvolution.Mode, Integer> modes = new EnumMap<>(DictionaryEvolution.Mode.class);
        int deltas = 0;
        int replacements = 0;
        int sliced = 0;
        int nested = 0;
        for (long seed = 0; seed < 100; seed++) {
            RoundTripProperty.Report report = RoundTripProperty.survey(seed, IpcWriteOptions.DEFAULT, dir);
            report.modes().forEach((mode, n) -> modes.merge(mode, n, Integer::sum));
            deltas += report.deltaMessages();
            replacements += report.replacementMessages();
            sliced += report.slicedBatches();
            nested += report.nestedDictionaries() ? 1 : 0;
        }
        assertThat(modes).as("dictionary modes applied").containsOnlyKeys(DictionaryEvolution.Mode.values());
        assertThat(modes.values()).allSatisfy(n -> assertThat(n).isGreaterThan(20));
        assertThat(deltas).as("delta dictionary messages").isGreaterThan(20);
        assertThat(replacements).as("replacement dictionary messages").isGreaterThan(20);
        assertThat(sliced).as("sliced batches").isGreaterThan(20);
        assertThat(nested).as("schemas with nested dictionaries").isGreaterThan(3);
    }
}
