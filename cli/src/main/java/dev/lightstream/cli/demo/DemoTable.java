package dev.lightstream.cli.demo;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's generated table: {@code rows} rows of eight columns of mixed types, in batches of
 * {@code batchRows}, every value a function of the seed and the row number, so that any batch can
 * be generated again, or checked, without keeping the table.
 *
 * <pre>
 * id        int64, not null          the row number
 * value     float64, not null        uniform in [-500, 500)
 * name      utf8, not null           0 to 40 characters, some of them outside ASCII
 * category  dictionary&lt;int8, utf8&gt;   one of 12 words; one dictionary shared by every batch
 * ts        timestamp[us, UTC]       one second per row from 2024-01-01, plus jitter
 * flag      bool                     every 7th value or so null
 * price     decimal128(12, 2)        0.00 to 99,999.99
 * tags      list&lt;int32&gt;              0 to 3 elements, every 11th list or so null
 * </pre>
 *
 * {@snippet :
 * DemoTable table = new DemoTable(1_000_000, 65_536, 1);
 * try (DemoTable.Generator generator = table.generator(allocator);
 *      RecordBatch batch = generator.next()) {
 *     table.verify(batch, 0);          // throws DemoMismatchException on any difference
 * }
 * }
 */
public final class DemoTable {
    static final DataType.Dictionary CATEGORY_TYPE = DataType.dictionary(DataType.INT8, DataType.UTF8);
    static final DataType.Timestamp TS_TYPE = DataType.timestamp(TimeUnit.MICROSECOND, "UTC");
    static final DataType.Decimal PRICE_TYPE = DataType.decimal(12, 2);
    static final DataType.List TAGS_TYPE = DataType.list(DataType.INT32);

    /** The schema of every demo table. */
    public static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.INT64),
            Field.of("value", DataType.FLOAT64),
            Field.of("name", DataType.UTF8),
            Field.of("category", CATEGORY_TYPE).withDictionaryId(0),
            Field.of("ts", TS_TYPE),
            Field.nullable("flag", DataType.BOOL),
            Field.of("price", PRICE_TYPE),
            Field.nullable("tags", TAGS_TYPE));

    static final List<String> CATEGORIES = List.of("books", "music", "garden", "toys", "tools", "food",
            "travel", "sports", "health", "games", "films", "crafts");

    /** 2024-01-01T00:00:00Z in microseconds. */
    private static final long BASE_MICROS = 1_704_067_200_000_000L;
    private static final int NAME_POOL = 4096;
    private static final String NAME_CHARS =
            "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789-_.\u00e9\u00fc\u00df\u00f8\u00f1\u6771\u4eac\u2713";

    private final long rows;
    private final int batchRows;
    private final long seed;
    private final byte[][] names;

    /**
     * @throws IllegalArgumentException if {@code rows} is negative or {@code batchRows} not positive
     */
    public DemoTable(long rows, int batchRows, long seed) {
        if (rows < 0 || batchRows < 1) {
            throw new IllegalArgumentException("rows=" + rows + " batchRows=" + batchRows);
        }
        this.rows = rows;
        this.batchRows = batchRows;
        this.seed = seed;
        this.names = new byte[NAME_POOL][];
        for (int i = 0; i < NAME_POOL; i++) {
            long h = mix(seed ^ 0x5bd1e995L, i);
            int length = (int) Long.remainderUnsigned(h, 41);
            StringBuilder sb = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                sb.append(NAME_CHARS.charAt((int) Long.remainderUnsigned(mix(h, c), NAME_CHARS.length())));
            }
            names[i] = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    public long rows() {
        return rows;
    }

    public int batchRows() {
        return batchRows;
    }

    public long seed() {
        return seed;
    }

    /** The number of batches: the last one may be short. */
    public int batchCount() {
        return Math.toIntExact((rows + batchRows - 1) / batchRows);
    }

    /** The number of rows of batch {@code index}. */
    public int batchRowCount(int index) {
        return (int) Math.min(batchRows, rows - (long) index * batchRows);
    }

    /** The same table with another seed: other values, same shape. */
    public DemoTable withSeed(long newSeed) {
        return new DemoTable(rows, batchRows, newSeed);
    }

    /** The bits every value of row {@code row} is drawn from (SplitMix64). */
    private static long mix(long seed, long row) {
        long z = seed + (row + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // The value of each column at a row, from the row's bits h.
    private static double value(long h) {
        return (h >>> 11) * 0x1.0p-53 * 1000 - 500;
    }

    private byte[] name(long h) {
        return names[(int) (h >>> 52) & (NAME_POOL - 1)];
    }

    private static int category(long h) {
        return (int) Long.remainderUnsigned(h >>> 20, CATEGORIES.size());
    }

    private static long timestamp(long row, long h) {
        return BASE_MICROS + row * 1_000_000L + (h & 0xF_FFFFL);
    }

    private static boolean flagIsNull(long h) {
        return Long.remainderUnsigned(h >>> 3, 7) == 0;
    }

    private static boolean flag(long h) {
        return ((h >>> 17) & 1) == 1;
    }

    private static long priceCents(long h) {
        return Long.remainderUnsigned(h >>> 24, 10_000_000L);
    }

    private static boolean tagsAreNull(long h) {
        return Long.remainderUnsigned(h >>> 5, 11) == 0;
    }

    private static int tagCount(long h) {
        return (int) (h >>> 62);
    }

    private static int tag(long h, int k) {
        return (int) ((h >>> (12 * k)) & 0xFFF);
    }

    /** A generator of this table's batches from {@code allocator}, in order. */
    public Generator generator(BufferAllocator allocator) {
        return new Generator(allocator);
    }

    /**
     * Makes the batches one after the other with the typed builders. The category dictionary is
     * made once and shared by every batch, so that writers send it once.
     */
    public final class Generator implements AutoCloseable {
        private final List<MemoryBlock> dictionaryBlocks = new ArrayList<>();
        private final Int64Array.Builder ids;
        private final Float64Array.Builder values;
        private final BinaryArray.Builder nameBuilder;
        private final DictionaryArray.Builder categories;
        private final Int64Array.Builder timestamps;
        private final BooleanArray.Builder flags;
        private final DecimalArray.Builder prices;
        private final ListArray.Builder tags;
        private final Int32Array.Builder tagValues;
        private int next;

        Generator(BufferAllocator allocator) {
            Array dictionary = ArrayBuilder.fromList(allocator, DataType.UTF8, CATEGORIES, dictionaryBlocks);
            ids = Int64Array.builder(allocator);
            values = Float64Array.builder(allocator);
            nameBuilder = BinaryArray.builder(allocator, DataType.UTF8);
            categories = DictionaryArray.builder(allocator, CATEGORY_TYPE, dictionary);
            timestamps = Int64Array.builder(allocator, TS_TYPE);
            flags = BooleanArray.builder(allocator);
            prices = DecimalArray.builder(allocator, PRICE_TYPE);
            tags = ListArray.builder(allocator, TAGS_TYPE);
            tagValues = tags.values().as(Int32Array.Builder.class);
        }

        /** The next batch, which the caller owns and closes, or null after the last. */
        public RecordBatch next() {
            if (next >= batchCount()) {
                return null;
            }
            int count = batchRowCount(next);
            long first = (long) next * batchRows;
            next++;
            for (int i = 0; i < count; i++) {
                long row = first + i;
                long h = mix(seed, row);
                ids.append(row);
                values.append(value(h));
                nameBuilder.append(name(h));
                categories.appendIndex(category(h));
                timestamps.append(timestamp(row, h));
                if (flagIsNull(h)) {
                    flags.appendNull();
                } else {
                    flags.append(flag(h));
                }
                prices.appendUnscaled(priceCents(h));
                if (tagsAreNull(h)) {
                    tags.appendNull();
                } else {
                    tags.startList();
                    for (int k = 0; k < tagCount(h); k++) {
                        tagValues.append(tag(h, k));
                    }
                    tags.endList();
                }
            }
            List<MemoryBlock> blocks = new ArrayList<>();
            List<Array> columns = List.of(ids.build(blocks), values.build(blocks), nameBuilder.build(blocks),
                    categories.build(blocks), timestamps.build(blocks), flags.build(blocks), prices.build(blocks),
                    tags.build(blocks));
            return RecordBatch.of(SCHEMA, count, columns, blocks);
        }

        @Override
        public void close() {
            for (ArrayBuilder b : List.of(ids, values, nameBuilder, categories, timestamps, flags, prices, tags)) {
                b.close();
            }
            dictionaryBlocks.forEach(MemoryBlock::release);
            dictionaryBlocks.clear();
        }
    }

    /**
     * Checks every value of {@code batch} against batch {@code index} of this table.
     *
     * @throws DemoMismatchException naming the batch, row, column and both values at the first difference
     */
    public void verify(RecordBatch batch, int index) throws DemoMismatchException {
        if (index >= batchCount()) {
            throw new DemoMismatchException("batch " + index + " is one too many: the table has " + batchCount());
        }
        if (!batch.schema().fields().equals(SCHEMA.fields())) {
            throw new DemoMismatchException("batch " + index + ": schema " + batch.schema() + ", expected " + SCHEMA);
        }
        int count = batchRowCount(index);
        if (batch.rowCount() != count) {
            throw new DemoMismatchException("batch " + index + ": " + batch.rowCount() + " rows, expected " + count);
        }
        Int64Array ids = (Int64Array) batch.column(0);
        Float64Array values = (Float64Array) batch.column(1);
        BinaryArray nameArray = (BinaryArray) batch.column(2);
        DictionaryArray categories = (DictionaryArray) batch.column(3);
        Int64Array timestamps = (Int64Array) batch.column(4);
        BooleanArray flags = (BooleanArray) batch.column(5);
        DecimalArray prices = (DecimalArray) batch.column(6);
        ListArray tags = (ListArray) batch.column(7);
        Int32Array tagValues = (Int32Array) tags.values();
        verifyDictionary(categories.dictionary(), index);
        // The decimal128 values are read as two longs: no BigInteger per row.
        MemorySegment priceBytes = prices.values();
        long priceBase = prices.data().offset();
        long first = (long) index * batchRows;
        // Messages are only built on a difference: this loop runs for every row of the demo.
        for (int i = 0; i < count; i++) {
            long row = first + i;
            long h = mix(seed, row);
            if (ids.isNull(i) || ids.get(i) != row) {
                throw mismatch(index, i, "id", row, ids.getObject(i));
            }
            if (values.isNull(i) || Double.doubleToRawLongBits(values.get(i)) != Double.doubleToRawLongBits(value(h))) {
                throw mismatch(index, i, "value", value(h), values.getObject(i));
            }
            byte[] name = name(h);
            if (nameArray.isNull(i) || nameArray.getSegment(i).mismatch(MemorySegment.ofArray(name)) != -1) {
                throw mismatch(index, i, "name", new String(name, StandardCharsets.UTF_8), nameArray.getObject(i));
            }
            if (categories.isNull(i) || categories.index(i) != category(h)) {
                throw mismatch(index, i, "category", CATEGORIES.get(category(h)), categories.getObject(i));
            }
            if (timestamps.isNull(i) || timestamps.get(i) != timestamp(row, h)) {
                throw mismatch(index, i, "ts", timestamp(row, h), timestamps.getObject(i));
            }
            if (flagIsNull(h) ? flags.isValid(i) : flags.isNull(i) || flags.get(i) != flag(h)) {
                throw mismatch(index, i, "flag", flagIsNull(h) ? null : flag(h), flags.getObject(i));
            }
            long at = (priceBase + i) * 16;
            long cents = priceCents(h);
            if (prices.isNull(i) || priceBytes.get(LE_LONG, at) != cents || priceBytes.get(LE_LONG, at + 8) != 0) {
                throw mismatch(index, i, "price", java.math.BigDecimal.valueOf(cents, 2), prices.getObject(i));
            }
            checkTags(tags, tagValues, i, h, index);
        }
    }

    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private void checkTags(ListArray tags, Int32Array tagValues, int i, long h, int index)
            throws DemoMismatchException {
        boolean ok;
        if (tagsAreNull(h)) {
            ok = tags.isNull(i);
        } else {
            ok = tags.isValid(i) && tags.valueLength(i) == tagCount(h);
            long start = ok ? tags.valueStart(i) : 0;
            for (int k = 0; ok && k < tagCount(h); k++) {
                int at = Math.toIntExact(start + k);
                ok = tagValues.isValid(at) && tagValues.get(at) == tag(h, k);
            }
        }
        if (!ok) {
            Object expected = null;
            if (!tagsAreNull(h)) {
                int[] t = new int[tagCount(h)];
                Arrays.setAll(t, k -> tag(h, k));
                expected = Arrays.toString(t);
            }
            throw mismatch(index, i, "tags", expected, tags.getObject(i));
        }
    }

    private static void verifyDictionary(Array dictionary, int index) throws DemoMismatchException {
        boolean ok = dictionary.length() == CATEGORIES.size();
        for (int i = 0; ok && i < CATEGORIES.size(); i++) {
            ok = CATEGORIES.get(i).equals(dictionary.getObject(i));
        }
        if (!ok) {
            throw new DemoMismatchException("batch " + index + " column 'category': dictionary " + dictionary
                    + ", expected " + CATEGORIES);
        }
    }

    private static DemoMismatchException mismatch(int batch, int row, String column, Object expected, Object actual) {
        return new DemoMismatchException("batch " + batch + " row " + row + " column '" + column + "': expected "
                + expected + ", found " + actual);
    }
}
