package dev.lightstream.parquet.internal;

import dev.lightstream.parquet.InvalidParquetException;

/**
 * Reads Parquet's RLE / bit-packing hybrid runs (see {@link HybridEncoder} for the layout) from
 * untrusted page bytes: every run header and run is checked against the end of its section, and a
 * section that holds fewer values than asked for is an {@link InvalidParquetException}.
 */
final class HybridDecoder {
    private HybridDecoder() {}

    /**
     * Decodes {@code count} values of {@code bitWidth} bits (0..32) from {@code bytes[from, to)}
     * into {@code out}.
     */
    static void decode(byte[] bytes, int from, int to, int bitWidth, int count, int[] out, String where)
            throws InvalidParquetException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new InvalidParquetException(where + ": bit width " + bitWidth + " is outside 0..32");
        }
        int at = from;
        int n = 0;
        int valueBytes = (bitWidth + 7) >>> 3;
        long mask = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
        while (n < count) {
            long header = 0;
            int shift = 0;
            while (true) {
                if (at >= to || shift > 28) {
                    throw new InvalidParquetException(where + ": run header past the end of the section after "
                            + n + " of " + count + " values");
                }
                int b = bytes[at++];
                header |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if ((header & 1) == 0) {
                long run = header >>> 1;
                if (at > to - valueBytes) {
                    throw new InvalidParquetException(where + ": RLE run value past the end of the section");
                }
                int value = 0;
                for (int k = 0; k < valueBytes; k++) {
                    value |= (bytes[at++] & 0xFF) << (8 * k);
                }
                int take = (int) Math.min(run, count - n);
                java.util.Arrays.fill(out, n, n + take, value);
                n += take;
            } else {
                long groups = header >>> 1;
                long runBytes = groups * bitWidth;
                if (runBytes > to - at) {
                    throw new InvalidParquetException(where + ": bit-packed run of " + groups
                            + " groups past the end of the section");
                }
                long values = groups * 8;
                int take = (int) Math.min(values, count - n);
                long acc = 0;
                int bits = 0;
                int p = at;
                for (int k = 0; k < take; k++) {
                    while (bits < bitWidth) {
                        acc |= (bytes[p++] & 0xFFL) << bits;
                        bits += 8;
                    }
                    out[n + k] = (int) (acc & mask);
                    acc >>>= bitWidth;
                    bits -= bitWidth;
                }
                n += take;
                at += (int) runBytes;
            }
        }
    }
}
