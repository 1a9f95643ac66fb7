package dev.lightstream.parquet.internal;

/**
 * Parquet's RLE / bit-packing hybrid encoding, used for definition levels and dictionary indices.
 *
 * <pre>
 *   run        := rle-run | bit-packed-run
 *   rle-run    := varint(count &lt;&lt; 1)      value (ceil(bitWidth / 8) bytes, little-endian)
 *   bit-packed := varint(groups &lt;&lt; 1 | 1) groups * 8 values, bitWidth bits each, LSB first
 * </pre>
 *
 * <p>For a flat optional column (bit width 1) an Arrow validity bitmap already <em>is</em> a
 * bit-packed run of definition levels, LSB first: {@link #levels} copies its bytes behind one
 * header instead of encoding value by value.
 */
final class HybridEncoder {
    /** Runs of equal dictionary indices at least this long become RLE runs. */
    private static final int MIN_RLE_RUN = 16;

    private HybridEncoder() {}

    /**
     * Definition levels of bit width 1, given as a bitmap of {@code count} bits (1 = present,
     * bits past {@code count} zero): one RLE run when all are set, else one bit-packed run.
     */
    static void levels(byte[] bits, int count, int setBits, PageBytes out) {
        if (count == 0) {
            return;
        }
        if (setBits == count || setBits == 0) {
            out.putVarInt(count << 1);
            out.putByte(setBits == 0 ? 0 : 1);
            return;
        }
        int groups = (count + 7) >>> 3;
        out.putVarInt(groups << 1 | 1);
        out.put(bits, 0, groups);
    }

    /** {@code count} indices of {@code bitWidth} bits (1..32): RLE runs for long repeats, bit-packed runs between. */
    static void indices(int[] values, int count, int bitWidth, PageBytes out) {
        int literalStart = 0;
        int i = 0;
        while (i < count) {
            int value = values[i];
            int j = i + 1;
            while (j < count && values[j] == value) {
                j++;
            }
            // A bit-packed run holds whole groups of eight: the RLE run may start only at a group boundary.
            int aligned = literalStart + ((i - literalStart + 7) & ~7);
            if (j - aligned >= MIN_RLE_RUN) {
                bitPacked(values, literalStart, aligned, bitWidth, out);
                out.putVarInt((j - aligned) << 1);
                int valueBytes = (bitWidth + 7) >>> 3;
                for (int b = 0; b < valueBytes; b++) {
                    out.putByte(value >>> (8 * b));
                }
                literalStart = j;
            }
            i = j;
        }
        bitPacked(values, literalStart, count, bitWidth, out);
    }

    /** Values {@code [from, to)} as one bit-packed run, the last group padded with zeros. */
    private static void bitPacked(int[] values, int from, int to, int bitWidth, PageBytes out) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        int groups = (count + 7) >>> 3;
        out.putVarInt(groups << 1 | 1);
        out.reserve(groups * bitWidth);
        long acc = 0;
        int bits = 0;
        int padded = groups << 3;
        for (int k = 0; k < padded; k++) {
            long v = k < count ? values[from + k] & 0xFFFFFFFFL : 0;
            acc |= v << bits;
            bits += bitWidth;
            while (bits >= 8) {
                out.putByte((int) acc);
                acc >>>= 8;
                bits -= 8;
            }
        }
    }

    /** The bit width of indices into a dictionary of {@code size} entries (at least 1). */
    static int bitWidth(int size) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(0, size - 1)));
    }
}
