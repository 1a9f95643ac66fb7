package dev.lightstream.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.parquet.InvalidParquetException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RLE / bit-packing hybrid: what {@link HybridEncoder} writes, {@link HybridDecoder} reads back,
 * for every bit width, with runs long and short; levels from a bitmap; and every truncation of the
 * encoded bytes is an {@link InvalidParquetException}, never a runtime exception.
 */
class HybridCodecTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void indicesRoundTripAtEveryBitWidthAndTruncationsAreRefused(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        for (int width = 1; width <= 32; width++) {
            int count = 1 + random.nextInt(300);
            int[] values = new int[count];
            long max = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
            for (int i = 0; i < count; ) {
                int value = (int) random.nextLong(max + 1);
                int run = random.nextInt(4) == 0 ? 1 + random.nextInt(40) : 1;
                for (int k = 0; k < run && i < count; k++) {
                    values[i++] = value;
                }
            }
            PageBytes out = new PageBytes(16);
            HybridEncoder.indices(values, count, width, out);
            byte[] bytes = out.toByteArray();
            int[] back = new int[count];
            HybridDecoder.decode(bytes, 0, bytes.length, width, count, back, "test");
            assertThat(back).as("seed %d width %d", seed, width).isEqualTo(values);
            int bitWidth = width;
            for (int cut = 0; cut < bytes.length; cut++) {
                int end = cut;
                assertThatThrownBy(() -> HybridDecoder.decode(Arrays.copyOf(bytes, end), 0, end, bitWidth, count,
                        new int[count], "test")).isInstanceOf(InvalidParquetException.class);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void levelsAreTheValidityBitmap(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        int count = 1 + random.nextInt(5000);
        byte[] bits = new byte[(count + 7) / 8];
        int set = 0;
        boolean allSet = random.nextBoolean();
        for (int i = 0; i < count; i++) {
            if (allSet || random.nextInt(3) > 0) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
                set++;
            }
        }
        PageBytes out = new PageBytes(16);
        HybridEncoder.levels(bits, count, set, out);
        byte[] bytes = out.toByteArray();
        if (allSet) {
            assertThat(bytes.length).as("one RLE run").isLessThanOrEqualTo(4);
        }
        int[] levels = new int[count];
        HybridDecoder.decode(bytes, 0, bytes.length, 1, count, levels, "test");
        for (int i = 0; i < count; i++) {
            assertThat(levels[i]).as("seed %d level %d", seed, i).isEqualTo((bits[i >>> 3] >> (i & 7)) & 1);
        }
    }
}
