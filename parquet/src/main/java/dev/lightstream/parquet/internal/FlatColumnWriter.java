package dev.lightstream.parquet.internal;

import dev.lightstream.array.ArrayData;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.TimeUnit;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes one top-level primitive column (no repetition, at most one definition level) straight
 * from Arrow buffers into Parquet pages, bypassing parquet-java's value-at-a-time column writers:
 * definition levels are the validity bitmap copied behind one run header, PLAIN values are bulk
 * copies of the values buffer, dictionary indices and statistics are computed in tight loops over
 * heap copies, and finished pages go to parquet-java's {@link PageWriter} (which compresses them and
 * keeps the column and offset indexes).
 *
 * <p>Dictionary encoding is decided per column chunk, as parquet-java does: the first page is
 * encoded both ways and keeps the dictionary only if dictionary plus indices are smaller than
 * PLAIN; a dictionary that grows past {@code dictionaryPageBytes} (checked every
 * {@value #CHUNK_ROWS} rows) ends dictionary encoding for the rest of the chunk. Pages end at
 * {@code pageBytes} or {@value #PAGE_ROWS} rows, parquet-java's default page row limit.
 *
 * <p>The subclasses hold the per-type work: {@link FixedWidthColumn}, {@link BinaryColumn},
 * {@link BooleanColumn}. {@link #of} tells which Arrow types take this path; the others (nested,
 * dictionary-encoded, decimals, ...) go through {@link LevelWriter}.
 */
abstract class FlatColumnWriter {
    /** The most rows in a page: parquet-java's {@code DEFAULT_PAGE_ROW_COUNT_LIMIT}. */
    static final int PAGE_ROWS = 20_000;
    /** Rows appended per step: the granularity of the page size and dictionary size checks. */
    static final int CHUNK_ROWS = 1024;

    enum Mode { TRIAL, DICTIONARY, PLAIN }

    /** What a {@link FlatColumnWriter} needs besides the column. */
    record Settings(int pageBytes, boolean dictionary, int dictionaryPageBytes, boolean statistics, boolean v2) {}

    protected final ColumnDescriptor descriptor;
    protected final PrimitiveType type;
    protected final String name;
    private final boolean nullable;
    private final boolean dictionaryEnabled;
    private final Settings settings;
    private final byte[] levelBits = new byte[PAGE_ROWS / 8 + 8];
    private final PageBytes pageOut = new PageBytes(256);
    private final PageBytes levelOut = new PageBytes(64);
    private final PageBytes indexOut = new PageBytes(256);

    private PageWriter pages;
    protected Mode mode;
    /** PLAIN-encoded values of the current page (scratch only in DICTIONARY mode). */
    protected final PageBytes plain = new PageBytes(256);
    /** Dictionary indices of the current page (buffers start small and grow: a wide schema has many columns). */
    protected int[] indices = new int[64];
    protected int indexCount;
    private int pageRows;
    private boolean dictionaryUsed;

    FlatColumnWriter(ColumnDescriptor descriptor, String name, boolean nullable, Settings settings, boolean dictionary) {
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.name = name;
        this.nullable = nullable;
        this.settings = settings;
        this.dictionaryEnabled = dictionary && settings.dictionary();
        this.mode = dictionaryEnabled ? Mode.TRIAL : Mode.PLAIN;
    }

    /**
     * The fast writer of a top-level field of {@code type}, or null when the field takes the general
     * path: only plain arrays of types whose Arrow buffer is already the Parquet PLAIN value.
     */
    static FlatColumnWriter of(DataType type, ColumnDescriptor descriptor, String name, boolean nullable,
            Settings settings) {
        return switch (type) {
            case DataType.Bool b -> new BooleanColumn(descriptor, name, nullable, settings);
            case DataType.Int i when i.bitWidth() == 32 ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, i.signed() ? FixedWidthColumn.Kind.INT32
                            : FixedWidthColumn.Kind.UINT32);
            case DataType.Int i when i.bitWidth() == 64 ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, i.signed() ? FixedWidthColumn.Kind.INT64
                            : FixedWidthColumn.Kind.UINT64);
            case DataType.FloatingPoint f when f.precision() == dev.lightstream.schema.Precision.SINGLE ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.FLOAT);
            case DataType.FloatingPoint f when f.precision() == dev.lightstream.schema.Precision.DOUBLE ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.DOUBLE);
            case DataType.Date d when d.bitWidth() == 32 ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.INT32);
            case DataType.Time t when t.unit() == TimeUnit.MILLISECOND ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.INT32);
            case DataType.Time t when t.unit() != TimeUnit.SECOND ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.INT64);
            case DataType.Timestamp t when t.unit() != TimeUnit.SECOND ->
                    new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.INT64);
            case DataType.Duration d -> new FixedWidthColumn(descriptor, name, nullable, settings, FixedWidthColumn.Kind.INT64);
            case DataType.Utf8 u -> new BinaryColumn(descriptor, name, nullable, settings, false);
            case DataType.Binary u -> new BinaryColumn(descriptor, name, nullable, settings, false);
            case DataType.LargeUtf8 u -> new BinaryColumn(descriptor, name, nullable, settings, true);
            case DataType.LargeBinary u -> new BinaryColumn(descriptor, name, nullable, settings, true);
            default -> null;
        };
    }

    /** Starts a column chunk that goes to {@code pageWriter}. */
    final void startChunk(PageWriter pageWriter) {
        this.pages = pageWriter;
    }

    /** Appends rows {@code [from, to)} of {@code data}. */
    final void write(ArrayData data, int from, int to) throws IOException {
        MemorySegment validity = data.nullCount() == 0 ? null : data.validity();
        if (validity != null && !nullable) {
            for (int row = from; row < to; row++) {
                if (!bit(validity, (long) data.offset() + row)) {
                    throw new IllegalArgumentException("field '" + name + "' is not nullable but slot " + row + " of "
                            + name + " is null");
                }
            }
            validity = null;
        }
        int row = from;
        while (row < to) {
            int n = chunkRows(data, row, Math.min(Math.min(to - row, PAGE_ROWS - pageRows), CHUNK_ROWS));
            if (nullable) {
                appendLevels(validity, (long) data.offset() + row, n);
            }
            if (mode != Mode.PLAIN && indices.length < indexCount + n) {
                indices = java.util.Arrays.copyOf(indices, Math.max(indexCount + n, Math.min(PAGE_ROWS, indices.length * 2)));
            }
            appendValues(data, validity, row, n);
            pageRows += n;
            row += n;
            if (mode != Mode.PLAIN && dictionaryBytes() > settings.dictionaryPageBytes()) {
                if (mode == Mode.TRIAL) {
                    dropDictionary(); // the page so far is in plain as well
                    indexCount = 0;
                } else {
                    flushPage();
                }
                mode = Mode.PLAIN;
            }
            if (pageRows >= PAGE_ROWS || pageBytesEstimate() >= settings.pageBytes()) {
                flushPage();
            }
        }
    }

    /** Ends the column chunk: its last page, then its dictionary page if a page used it. */
    final void finishChunk() throws IOException {
        flushPage();
        if (dictionaryUsed) {
            PageBytes dictionary = dictionaryPage();
            pages.writeDictionaryPage(new DictionaryPage(dictionary.toBytesInput(), dictionarySize(),
                    settings.v2() ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY));
        }
        dictionaryUsed = false;
        dropDictionary();
        mode = dictionaryEnabled ? Mode.TRIAL : Mode.PLAIN;
        pages = null;
    }

    /** Bytes held for pages not yet flushed to the file. */
    final long bufferedBytes() {
        return (pages == null ? 0 : pages.getMemSize()) + plain.size() + 4L * indexCount;
    }

    private static boolean bit(MemorySegment bitmap, long index) {
        return (bitmap.get(ValueLayout.JAVA_BYTE, index >>> 3) & (1 << (index & 7))) != 0;
    }

    protected static boolean valid(MemorySegment validity, long index) {
        return validity == null || bit(validity, index);
    }

    /** Copies {@code n} validity bits (all set without a bitmap) behind the page's levels. */
    private void appendLevels(MemorySegment validity, long source, int n) {
        int at = pageRows;
        if (validity == null) {
            for (int k = 0; k < n; k++) {
                levelBits[(at + k) >>> 3] |= (byte) (1 << ((at + k) & 7));
            }
            return;
        }
        if ((source & 7) == 0 && (at & 7) == 0) {
            int bytes = (n + 7) >>> 3;
            MemorySegment.copy(validity, ValueLayout.JAVA_BYTE, source >>> 3, levelBits, at >>> 3, bytes);
            if ((n & 7) != 0) {
                levelBits[(at + n) >>> 3] &= (byte) ((1 << (n & 7)) - 1);
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            if (bit(validity, source + k)) {
                levelBits[(at + k) >>> 3] |= (byte) (1 << ((at + k) & 7));
            }
        }
    }

    private void flushPage() throws IOException {
        if (pageRows == 0) {
            return;
        }
        int present = nullable ? popCount(levelBits, pageRows) : pageRows;
        if (mode == Mode.TRIAL) {
            int encoded = (int) (((long) indexCount * HybridEncoder.bitWidth(dictionarySize()) + 7) / 8);
            if (dictionaryBytes() + encoded < plain.size()) {
                mode = Mode.DICTIONARY;
            } else {
                dropDictionary();
                indexCount = 0;
                mode = Mode.PLAIN;
            }
        }
        PageBytes values;
        Encoding encoding;
        if (mode == Mode.DICTIONARY) {
            int width = HybridEncoder.bitWidth(dictionarySize());
            indexOut.reset();
            indexOut.putByte(width);
            HybridEncoder.indices(indices, indexCount, width, indexOut);
            values = indexOut;
            encoding = settings.v2() ? Encoding.RLE_DICTIONARY : Encoding.PLAIN_DICTIONARY;
            dictionaryUsed = true;
        } else {
            values = plainValues();
            encoding = Encoding.PLAIN;
        }
        Statistics<?> statistics = settings.statistics() ? pageStatistics(pageRows - present) : Statistics.noopStats(type);
        SizeStatistics sizes = settings.statistics()
                ? new SizeStatistics(type, unencodedBytes(), List.of(), List.of())
                : SizeStatistics.noopBuilder(type, 0, nullable ? 1 : 0).build();
        if (!settings.v2()) {
            pageOut.reset();
            if (nullable) {
                pageOut.putInt(0);
                HybridEncoder.levels(levelBits, pageRows, present, pageOut);
                pageOut.setInt(0, pageOut.size() - 4);
            }
            pageOut.put(values);
            pages.writePage(pageOut.toBytesInput(), pageRows, pageRows, statistics, sizes, null, Encoding.BIT_PACKED,
                    nullable ? Encoding.RLE : Encoding.BIT_PACKED, encoding);
        } else {
            levelOut.reset();
            if (nullable) {
                HybridEncoder.levels(levelBits, pageRows, present, levelOut);
            }
            pages.writePageV2(pageRows, pageRows - present, pageRows, BytesInput.empty(), levelOut.toBytesInput(),
                    encoding, values.toBytesInput(), statistics, sizes, null);
        }
        Arrays.fill(levelBits, 0, (pageRows + 7) >>> 3, (byte) 0);
        pageRows = 0;
        indexCount = 0;
        plain.reset();
        resetPage();
    }

    private static int popCount(byte[] bits, int count) {
        int n = 0;
        int full = count >>> 3;
        int k = 0;
        for (; k + 8 <= full; k += 8) {
            n += Long.bitCount(PageBytes.getLong(bits, k));
        }
        for (; k < full; k++) {
            n += Integer.bitCount(bits[k] & 0xFF);
        }
        if ((count & 7) != 0) {
            n += Integer.bitCount(bits[full] & ((1 << (count & 7)) - 1));
        }
        return n;
    }

    private int pageBytesEstimate() {
        return mode == Mode.DICTIONARY ? (int) ((long) indexCount * HybridEncoder.bitWidth(dictionarySize()) / 8)
                : plainSize();
    }

    /** The rows of the next step, at most {@code limit}: fewer when they would make a very large step. */
    protected int chunkRows(ArrayData data, int row, int limit) {
        return limit;
    }

    /** Appends the values of rows {@code [row, row + n)} (nulls have no value), their statistics and dictionary indices. */
    protected abstract void appendValues(ArrayData data, MemorySegment validity, int row, int n);

    /** The PLAIN section of the current page. */
    protected PageBytes plainValues() {
        return plain;
    }

    /** The size of the PLAIN section so far. */
    protected int plainSize() {
        return plain.size();
    }

    protected abstract int dictionarySize();

    /** The size of the dictionary, PLAIN-encoded. */
    protected abstract int dictionaryBytes();

    /** The dictionary page: its entries PLAIN-encoded in index order. */
    protected abstract PageBytes dictionaryPage();

    protected abstract void dropDictionary();

    protected abstract Statistics<?> pageStatistics(long nulls);

    /** BYTE_ARRAY data bytes of the page, for the size statistics. */
    protected long unencodedBytes() {
        return 0;
    }

    /** Forgets the page's statistics. */
    protected abstract void resetPage();
}
