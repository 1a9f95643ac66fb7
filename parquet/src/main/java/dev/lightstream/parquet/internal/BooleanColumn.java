package dev.lightstream.parquet.internal;

import dev.lightstream.array.ArrayData;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;

/**
 * The {@link FlatColumnWriter} of BOOLEAN columns: PLAIN booleans are bit-packed LSB first, which
 * is Arrow's value bitmap, so a step without nulls copies bits (whole bytes when aligned). Never
 * dictionary-encoded, as parquet-java does not either.
 */
final class BooleanColumn extends FlatColumnWriter {
    private byte[] bits = new byte[PAGE_ROWS / 8 + 8];
    private int count;
    private int trues;
    private final PageBytes section = new PageBytes(64);

    BooleanColumn(ColumnDescriptor descriptor, String name, boolean nullable, Settings settings) {
        super(descriptor, name, nullable, settings, false);
    }

    @Override
    protected void appendValues(ArrayData data, MemorySegment validity, int row, int n) {
        MemorySegment values = data.buffer(1);
        long first = (long) data.offset() + row;
        if (validity == null && (first & 7) == 0 && (count & 7) == 0) {
            int bytes = (n + 7) >>> 3;
            MemorySegment.copy(values, ValueLayout.JAVA_BYTE, first >>> 3, bits, count >>> 3, bytes);
            if ((n & 7) != 0) {
                bits[(count + n) >>> 3] &= (byte) ((1 << (n & 7)) - 1);
            }
            for (int k = 0; k < bytes; k++) {
                trues += Integer.bitCount(bits[(count >>> 3) + k] & 0xFF);
            }
            count += n;
            return;
        }
        for (int k = 0; k < n; k++) {
            long slot = first + k;
            if (!valid(validity, slot)) {
                continue;
            }
            if ((values.get(ValueLayout.JAVA_BYTE, slot >>> 3) & (1 << (slot & 7))) != 0) {
                bits[count >>> 3] |= (byte) (1 << (count & 7));
                trues++;
            }
            count++;
        }
    }

    @Override
    protected PageBytes plainValues() {
        section.reset();
        section.put(bits, 0, (count + 7) >>> 3);
        return section;
    }

    @Override
    protected int plainSize() {
        return (count + 7) >>> 3;
    }

    @Override
    protected Statistics<?> pageStatistics(long nulls) {
        Statistics.Builder builder = Statistics.getBuilderForReading(type).withNumNulls(nulls);
        if (count > 0) {
            builder.withMin(new byte[] {(byte) (trues == count ? 1 : 0)})
                    .withMax(new byte[] {(byte) (trues > 0 ? 1 : 0)});
        }
        return builder.build();
    }

    @Override
    protected void resetPage() {
        Arrays.fill(bits, 0, (count + 7) >>> 3, (byte) 0);
        count = 0;
        trues = 0;
    }

    @Override
    protected int dictionarySize() {
        return 0;
    }

    @Override
    protected int dictionaryBytes() {
        return 0;
    }

    @Override
    protected PageBytes dictionaryPage() {
        throw new IllegalStateException("boolean columns have no dictionary");
    }

    @Override
    protected void dropDictionary() {}
}
