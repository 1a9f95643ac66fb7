package dev.lightstream.parquet.internal;

import dev.lightstream.array.ArrayData;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/**
 * The {@link FlatColumnWriter} of BYTE_ARRAY columns from Arrow binary and string arrays with 32- or
 * 64-bit offsets: each step copies its offsets and its slice of the data buffer to the heap in two
 * bulk copies, then writes PLAIN values (length, bytes) and dictionary indices from there. Statistics
 * order bytes as unsigned, as Parquet does for BINARY and STRING; in dictionary mode each distinct
 * value is compared once per page.
 */
final class BinaryColumn extends FlatColumnWriter {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** A step copies at most about this many data bytes (unless one value is larger). */
    private static final long STEP_BYTES = 1 << 18;

    private final boolean large;
    private final BinaryDictionary dictionary = new BinaryDictionary();
    private long[] offsets = new long[CHUNK_ROWS + 1]; // 8 KiB: steps are at most this long
    private final PageBytes scratch = new PageBytes(256);
    private byte[] min = new byte[16];
    private int minLength = -1;
    private byte[] max = new byte[16];
    private int maxLength = -1;
    private long unencoded;
    /** The page in which each dictionary entry was last seen, so statistics compare it once per page. */
    private int[] seenInPage = new int[64];
    private int page = 1;

    BinaryColumn(ColumnDescriptor descriptor, String name, boolean nullable, Settings settings, boolean large) {
        super(descriptor, name, nullable, settings, true);
        this.large = large;
    }

    private long offset(ArrayData data, long slot) {
        MemorySegment buffer = data.buffer(1);
        return large ? buffer.get(LONG, slot * 8) : buffer.get(INT, slot * 4) & 0xFFFFFFFFL;
    }

    @Override
    protected int chunkRows(ArrayData data, int row, int limit) {
        long first = (long) data.offset() + row;
        int n = limit;
        while (n > 1 && offset(data, first + n) - offset(data, first) > STEP_BYTES) {
            n >>>= 1;
        }
        return n;
    }

    @Override
    protected void appendValues(ArrayData data, MemorySegment validity, int row, int n) {
        long first = (long) data.offset() + row;
        MemorySegment offsetBuffer = data.buffer(1);
        if (large) {
            MemorySegment.copy(offsetBuffer, LONG, first * 8, offsets, 0, n + 1);
        } else {
            for (int k = 0; k <= n; k++) {
                offsets[k] = offsetBuffer.get(INT, (first + k) * 4) & 0xFFFFFFFFL;
            }
        }
        long base = offsets[0];
        long span = offsets[n] - base;
        scratch.reset();
        scratch.copy(data.buffer(2), base, Math.toIntExact(span));
        byte[] bytes = scratch.array();
        boolean keepPlain = mode != Mode.DICTIONARY;
        boolean indexing = mode != Mode.PLAIN;
        int count = indexCount;
        for (int k = 0; k < n; k++) {
            if (!valid(validity, first + k)) {
                continue;
            }
            int from = (int) (offsets[k] - base);
            int length = (int) (offsets[k + 1] - offsets[k]);
            unencoded += length;
            if (keepPlain) {
                plain.putInt(length);
                plain.put(bytes, from, length);
            }
            if (indexing) {
                int index = dictionary.indexOf(bytes, from, length);
                indices[count++] = index;
                if (mode == Mode.DICTIONARY) {
                    observeOnce(index);
                    continue;
                }
            }
            observe(bytes, from, length);
        }
        indexCount = count;
    }

    /** Statistics in dictionary mode: an entry is compared the first time a page sees it. */
    private void observeOnce(int index) {
        if (index >= seenInPage.length) {
            seenInPage = Arrays.copyOf(seenInPage, Math.max(index + 1, seenInPage.length * 2));
        }
        if (seenInPage[index] != page) {
            seenInPage[index] = page;
            observe(dictionary.bytes(), dictionary.start(index), dictionary.length(index));
        }
    }

    private void observe(byte[] bytes, int from, int length) {
        if (minLength < 0 || Arrays.compareUnsigned(bytes, from, from + length, min, 0, minLength) < 0) {
            min = copy(min, bytes, from, length);
            minLength = length;
        }
        if (maxLength < 0 || Arrays.compareUnsigned(bytes, from, from + length, max, 0, maxLength) > 0) {
            max = copy(max, bytes, from, length);
            maxLength = length;
        }
    }

    private static byte[] copy(byte[] into, byte[] bytes, int from, int length) {
        byte[] target = into.length >= length ? into : new byte[Math.max(length, into.length * 2)];
        System.arraycopy(bytes, from, target, 0, length);
        return target;
    }

    @Override
    protected Statistics<?> pageStatistics(long nulls) {
        Statistics.Builder builder = Statistics.getBuilderForReading(type).withNumNulls(nulls);
        if (minLength >= 0) {
            builder.withMin(Arrays.copyOf(min, minLength)).withMax(Arrays.copyOf(max, maxLength));
        }
        return builder.build();
    }

    @Override
    protected long unencodedBytes() {
        return unencoded;
    }

    @Override
    protected void resetPage() {
        minLength = -1;
        maxLength = -1;
        unencoded = 0;
        page++;
    }

    @Override
    protected int dictionarySize() {
        return dictionary.size();
    }

    @Override
    protected int dictionaryBytes() {
        return dictionary.plain().size();
    }

    @Override
    protected PageBytes dictionaryPage() {
        return dictionary.plain();
    }

    @Override
    protected void dropDictionary() {
        dictionary.clear();
        Arrays.fill(seenInPage, 0);
    }
}
