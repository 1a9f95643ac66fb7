package dev.lightstream.parquet.internal;

import dev.lightstream.array.ArrayData;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/**
 * The {@link FlatColumnWriter} of 4- and 8-byte values whose Arrow buffer is the Parquet PLAIN
 * encoding as it is (INT32, INT64, FLOAT, DOUBLE): a column without nulls is one bulk copy per step,
 * with nulls one copy per present value. Statistics compare as the Parquet type orders: signed,
 * unsigned (uint32, uint64), or IEEE 754 without NaN.
 */
final class FixedWidthColumn extends FlatColumnWriter {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** How values compare for the statistics, and their width. */
    enum Kind {
        INT32(4), UINT32(4), INT64(8), UINT64(8), FLOAT(4), DOUBLE(8);

        final int width;

        Kind(int width) {
            this.width = width;
        }
    }

    private final Kind kind;
    private final int width;
    private final LongDictionary dictionary = new LongDictionary();
    private PageBytes dictionaryPage;
    /** Page minimum and maximum: integers (unsigned ones biased by Long.MIN_VALUE) or double values. */
    private long min;
    private long max;
    private double minDouble;
    private double maxDouble;
    private boolean hasValue;

    FixedWidthColumn(ColumnDescriptor descriptor, String name, boolean nullable, Settings settings, Kind kind) {
        super(descriptor, name, nullable, settings, true);
        this.kind = kind;
        this.width = kind.width;
        resetPage();
    }

    @Override
    protected void appendValues(ArrayData data, MemorySegment validity, int row, int n) {
        MemorySegment values = data.buffer(1);
        long base = ((long) data.offset() + row) * width;
        int start = plain.size();
        if (validity == null) {
            plain.copy(values, base, n * width);
        } else {
            long bit = (long) data.offset() + row;
            for (int k = 0; k < n; k++) {
                if (valid(validity, bit + k)) {
                    if (width == 8) {
                        plain.putLong(values.get(LONG, base + 8L * k));
                    } else {
                        plain.putInt(values.get(INT, base + 4L * k));
                    }
                }
            }
        }
        int end = plain.size();
        byte[] bytes = plain.array();
        statistics(bytes, start, end);
        if (mode != Mode.PLAIN) {
            int[] out = indices;
            int count = indexCount;
            if (width == 8) {
                for (int at = start; at < end; at += 8) {
                    out[count++] = dictionary.indexOf(PageBytes.getLong(bytes, at));
                }
            } else {
                for (int at = start; at < end; at += 4) {
                    out[count++] = dictionary.indexOf(PageBytes.getInt(bytes, at));
                }
            }
            indexCount = count;
            if (mode == Mode.DICTIONARY) {
                plain.truncate(start); // PLAIN bytes were only the scratch of this step
            }
        }
    }

    private void statistics(byte[] bytes, int start, int end) {
        if (start == end) {
            return;
        }
        switch (kind) {
            case INT64, UINT64 -> {
                long bias = kind == Kind.UINT64 ? Long.MIN_VALUE : 0;
                long lo = min;
                long hi = max;
                for (int at = start; at < end; at += 8) {
                    long v = PageBytes.getLong(bytes, at) ^ bias;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                min = lo;
                max = hi;
                hasValue = true;
            }
            case INT32, UINT32 -> {
                long lo = min;
                long hi = max;
                boolean unsigned = kind == Kind.UINT32;
                for (int at = start; at < end; at += 4) {
                    int raw = PageBytes.getInt(bytes, at);
                    long v = unsigned ? raw & 0xFFFFFFFFL : raw;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                min = lo;
                max = hi;
                hasValue = true;
            }
            case FLOAT, DOUBLE -> {
                double lo = minDouble;
                double hi = maxDouble;
                boolean any = false;
                for (int at = start; at < end; at += width) {
                    double v = width == 8 ? Double.longBitsToDouble(PageBytes.getLong(bytes, at))
                            : Float.intBitsToFloat(PageBytes.getInt(bytes, at));
                    if (v == v) { // NaN is left out of the statistics, as the Parquet spec asks
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                        any = true;
                    }
                }
                minDouble = lo;
                maxDouble = hi;
                hasValue |= any;
            }
        }
    }

    @Override
    protected Statistics<?> pageStatistics(long nulls) {
        Statistics.Builder builder = Statistics.getBuilderForReading(type).withNumNulls(nulls);
        if (hasValue) {
            PageBytes bounds = new PageBytes(16);
            switch (kind) {
                case INT64 -> {
                    bounds.putLong(min);
                    bounds.putLong(max);
                }
                case UINT64 -> {
                    bounds.putLong(min ^ Long.MIN_VALUE);
                    bounds.putLong(max ^ Long.MIN_VALUE);
                }
                case INT32, UINT32 -> {
                    bounds.putInt((int) min);
                    bounds.putInt((int) max);
                }
                case FLOAT -> {
                    bounds.putInt(Float.floatToIntBits((float) minDouble));
                    bounds.putInt(Float.floatToIntBits((float) maxDouble));
                }
                case DOUBLE -> {
                    bounds.putLong(Double.doubleToLongBits(minDouble));
                    bounds.putLong(Double.doubleToLongBits(maxDouble));
                }
            }
            byte[] b = bounds.toByteArray();
            builder.withMin(java.util.Arrays.copyOfRange(b, 0, width)).withMax(java.util.Arrays.copyOfRange(b, width, 2 * width));
        }
        return builder.build();
    }

    @Override
    protected void resetPage() {
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
        minDouble = Double.POSITIVE_INFINITY;
        maxDouble = Double.NEGATIVE_INFINITY;
        hasValue = false;
    }

    @Override
    protected int dictionarySize() {
        return dictionary.size();
    }

    @Override
    protected int dictionaryBytes() {
        return dictionary.size() * width;
    }

    @Override
    protected PageBytes dictionaryPage() {
        if (dictionaryPage == null) {
            dictionaryPage = new PageBytes(dictionary.size() * width);
        }
        dictionaryPage.reset();
        for (int i = 0; i < dictionary.size(); i++) {
            if (width == 8) {
                dictionaryPage.putLong(dictionary.value(i));
            } else {
                dictionaryPage.putInt((int) dictionary.value(i));
            }
        }
        return dictionaryPage;
    }

    @Override
    protected void dropDictionary() {
        dictionary.clear();
    }
}
