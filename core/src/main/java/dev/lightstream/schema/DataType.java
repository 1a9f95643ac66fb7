package dev.lightstream.schema;

import java.util.Objects;

/**
 * The logical type of an Arrow array: one record per type of the Arrow columnar format.
 *
 * <p>Types are immutable values compared by {@code equals}. Nested types carry their child
 * {@link Field}s, as arrow-rs does, so a type alone says everything about an array's layout.
 * Dictionary encoding is a type too ({@link Dictionary}); the id by which IPC shares a dictionary
 * between fields lives on the {@link Field}.
 *
 * {@snippet :
 * DataType id = DataType.INT64;
 * DataType when = DataType.timestamp(TimeUnit.MICROSECOND, "UTC");
 * DataType tags = DataType.list(DataType.UTF8);
 * DataType city = DataType.dictionary(DataType.INT32, DataType.UTF8);
 * DataType point = DataType.struct(Field.of("x", DataType.FLOAT64), Field.of("y", DataType.FLOAT64));
 * }
 */
public sealed interface DataType {
    Null NULL = new Null();
    Bool BOOL = new Bool();
    Int INT8 = new Int(8, true);
    Int INT16 = new Int(16, true);
    Int INT32 = new Int(32, true);
    Int INT64 = new Int(64, true);
    Int UINT8 = new Int(8, false);
    Int UINT16 = new Int(16, false);
    Int UINT32 = new Int(32, false);
    Int UINT64 = new Int(64, false);
    FloatingPoint FLOAT16 = new FloatingPoint(Precision.HALF);
    FloatingPoint FLOAT32 = new FloatingPoint(Precision.SINGLE);
    FloatingPoint FLOAT64 = new FloatingPoint(Precision.DOUBLE);
    Date DATE32 = new Date(DateUnit.DAY);
    Date DATE64 = new Date(DateUnit.MILLISECOND);
    Binary BINARY = new Binary();
    LargeBinary LARGE_BINARY = new LargeBinary();
    Utf8 UTF8 = new Utf8();
    LargeUtf8 LARGE_UTF8 = new LargeUtf8();
    BinaryView BINARY_VIEW = new BinaryView();
    Utf8View UTF8_VIEW = new Utf8View();

    /** The child fields of a nested type, in layout order; empty for other types. */
    default java.util.List<Field> children() {
        return java.util.List.of();
    }

    // ---- factories -------------------------------------------------------------------------

    /** A 128-bit decimal. */
    static Decimal decimal(int precision, int scale) {
        return new Decimal(precision, scale, 128);
    }

    static Decimal decimal(int precision, int scale, int bitWidth) {
        return new Decimal(precision, scale, bitWidth);
    }

    /** Time of day: 32 bits for seconds and milliseconds, 64 bits for micro- and nanoseconds. */
    static Time time(TimeUnit unit) {
        return new Time(unit, unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND ? 32 : 64);
    }

    /** A timestamp; {@code timezone} is null for a local (zone-less) timestamp. */
    static Timestamp timestamp(TimeUnit unit, String timezone) {
        return new Timestamp(unit, timezone);
    }

    static Duration duration(TimeUnit unit) {
        return new Duration(unit);
    }

    static Interval interval(IntervalUnit unit) {
        return new Interval(unit);
    }

    static FixedSizeBinary fixedSizeBinary(int byteWidth) {
        return new FixedSizeBinary(byteWidth);
    }

    /** A list of nullable elements in a child field named "item". */
    static List list(DataType element) {
        return new List(Field.nullable("item", element));
    }

    static LargeList largeList(DataType element) {
        return new LargeList(Field.nullable("item", element));
    }

    static FixedSizeList fixedSizeList(DataType element, int listSize) {
        return new FixedSizeList(Field.nullable("item", element), listSize);
    }

    static ListView listView(DataType element) {
        return new ListView(Field.nullable("item", element));
    }

    static LargeListView largeListView(DataType element) {
        return new LargeListView(Field.nullable("item", element));
    }

    static Struct struct(Field... fields) {
        return new Struct(java.util.List.of(fields));
    }

    /** A map with the canonical child names "entries", "key" and "value"; values are nullable. */
    static Map map(DataType key, DataType value, boolean keysSorted) {
        Field entries = Field.of("entries", struct(Field.of("key", key), Field.nullable("value", value)));
        return new Map(entries, keysSorted);
    }

    /** A sparse union whose type ids are 0, 1, 2... in field order. */
    static Union sparseUnion(Field... fields) {
        return new Union(UnionMode.SPARSE, java.util.List.of(fields), Union.defaultTypeIds(fields.length));
    }

    /** A dense union whose type ids are 0, 1, 2... in field order. */
    static Union denseUnion(Field... fields) {
        return new Union(UnionMode.DENSE, java.util.List.of(fields), Union.defaultTypeIds(fields.length));
    }

    static Dictionary dictionary(Int indexType, DataType valueType) {
        return new Dictionary(indexType, valueType, false);
    }

    /** Run-end encoding with run ends of {@code runEndType} (int16, int32 or int64). */
    static RunEndEncoded runEndEncoded(Int runEndType, DataType valueType) {
        return new RunEndEncoded(Field.of("run_ends", runEndType), Field.nullable("values", valueType));
    }

    static Extension extension(String name, DataType storage, String metadata) {
        return new Extension(name, storage, metadata);
    }

    // ---- the types -------------------------------------------------------------------------

    /** All values null; no buffers. */
    record Null() implements DataType {
        @Override
        public String toString() {
            return "null";
        }
    }

    /** One bit per value. */
    record Bool() implements DataType {
        @Override
        public String toString() {
            return "bool";
        }
    }

    /** An integer of 8, 16, 32 or 64 bits, signed or not. */
    record Int(int bitWidth, boolean signed) implements DataType {
        public Int {
            if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
                throw new IllegalArgumentException("integer bitWidth=" + bitWidth + " is not 8, 16, 32 or 64");
            }
        }

        public int byteWidth() {
            return bitWidth / 8;
        }

        @Override
        public String toString() {
            return (signed ? "int" : "uint") + bitWidth;
        }
    }

    /** An IEEE 754 binary floating-point number of 16, 32 or 64 bits. */
    record FloatingPoint(Precision precision) implements DataType {
        public FloatingPoint {
            Objects.requireNonNull(precision, "precision");
        }

        @Override
        public String toString() {
            return "float" + precision.byteWidth() * 8;
        }
    }

    /** A fixed-point decimal stored as a two's-complement integer of {@code bitWidth} bits. */
    record Decimal(int precision, int scale, int bitWidth) implements DataType {
        public Decimal {
            int max = switch (bitWidth) {
                case 32 -> 9;
                case 64 -> 18;
                case 128 -> 38;
                case 256 -> 76;
                default -> throw new IllegalArgumentException("decimal bitWidth=" + bitWidth + " is not 32, 64, 128 or 256");
            };
            if (precision < 1 || precision > max) {
                throw new IllegalArgumentException(
                        "decimal" + bitWidth + " precision=" + precision + " is outside 1.." + max);
            }
        }

        public int byteWidth() {
            return bitWidth / 8;
        }

        @Override
        public String toString() {
            return "decimal" + bitWidth + "(" + precision + ", " + scale + ")";
        }
    }

    /** Days since the epoch (int32) or milliseconds since the epoch (int64). */
    record Date(DateUnit unit) implements DataType {
        public Date {
            Objects.requireNonNull(unit, "unit");
        }

        public int bitWidth() {
            return unit == DateUnit.DAY ? 32 : 64;
        }

        @Override
        public String toString() {
            return unit == DateUnit.DAY ? "date32" : "date64";
        }
    }

    /** Time since midnight: int32 for seconds and milliseconds, int64 for micro- and nanoseconds. */
    record Time(TimeUnit unit, int bitWidth) implements DataType {
        public Time {
            Objects.requireNonNull(unit, "unit");
            boolean narrow = unit == TimeUnit.SECOND || unit == TimeUnit.MILLISECOND;
            if (bitWidth != (narrow ? 32 : 64)) {
                throw new IllegalArgumentException("time of unit " + unit + " cannot have bitWidth=" + bitWidth);
            }
        }

        @Override
        public String toString() {
            return "time" + bitWidth + "[" + unit.name().toLowerCase(java.util.Locale.ROOT) + "]";
        }
    }

    /** An int64 count of {@code unit} since the epoch; {@code timezone} null means local time. */
    record Timestamp(TimeUnit unit, String timezone) implements DataType {
        public Timestamp {
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String toString() {
            String u = unit.name().toLowerCase(java.util.Locale.ROOT);
            return "timestamp[" + u + (timezone == null ? "" : ", " + timezone) + "]";
        }
    }

    /** An int64 length of time in {@code unit}. */
    record Duration(TimeUnit unit) implements DataType {
        public Duration {
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String toString() {
            return "duration[" + unit.name().toLowerCase(java.util.Locale.ROOT) + "]";
        }
    }

    /** A calendar interval. */
    record Interval(IntervalUnit unit) implements DataType {
        public Interval {
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String toString() {
            return "interval[" + unit.name().toLowerCase(java.util.Locale.ROOT) + "]";
        }
    }

    /** Variable-length bytes with 32-bit offsets. */
    record Binary() implements DataType {
        @Override
        public String toString() {
            return "binary";
        }
    }

    /** Variable-length bytes with 64-bit offsets. */
    record LargeBinary() implements DataType {
        @Override
        public String toString() {
            return "large_binary";
        }
    }

    /** Bytes of a fixed width per value. */
    record FixedSizeBinary(int byteWidth) implements DataType {
        public FixedSizeBinary {
            if (byteWidth < 0) {
                throw new IllegalArgumentException("fixed-size binary byteWidth=" + byteWidth + " is negative");
            }
        }

        @Override
        public String toString() {
            return "fixed_size_binary[" + byteWidth + "]";
        }
    }

    /** UTF-8 text with 32-bit offsets. */
    record Utf8() implements DataType {
        @Override
        public String toString() {
            return "utf8";
        }
    }

    /** UTF-8 text with 64-bit offsets. */
    record LargeUtf8() implements DataType {
        @Override
        public String toString() {
            return "large_utf8";
        }
    }

    /** Bytes held as 16-byte views (inline up to 12 bytes) over variadic data buffers. */
    record BinaryView() implements DataType {
        @Override
        public String toString() {
            return "binary_view";
        }
    }

    /** UTF-8 text held as 16-byte views over variadic data buffers. */
    record Utf8View() implements DataType {
        @Override
        public String toString() {
            return "utf8_view";
        }
    }

    /** A list with 32-bit offsets. */
    record List(Field element) implements DataType {
        public List {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(element);
        }

        @Override
        public String toString() {
            return "list<" + element + ">";
        }
    }

    /** A list with 64-bit offsets. */
    record LargeList(Field element) implements DataType {
        public LargeList {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(element);
        }

        @Override
        public String toString() {
            return "large_list<" + element + ">";
        }
    }

    /** A list of exactly {@code listSize} elements per value. */
    record FixedSizeList(Field element, int listSize) implements DataType {
        public FixedSizeList {
            Objects.requireNonNull(element, "element");
            if (listSize < 0) {
                throw new IllegalArgumentException("fixed-size list listSize=" + listSize + " is negative");
            }
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(element);
        }

        @Override
        public String toString() {
            return "fixed_size_list<" + element + ">[" + listSize + "]";
        }
    }

    /** A list given by 32-bit offsets and sizes, in any order. */
    record ListView(Field element) implements DataType {
        public ListView {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(element);
        }

        @Override
        public String toString() {
            return "list_view<" + element + ">";
        }
    }

    /** A list given by 64-bit offsets and sizes. */
    record LargeListView(Field element) implements DataType {
        public LargeListView {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(element);
        }

        @Override
        public String toString() {
            return "large_list_view<" + element + ">";
        }
    }

    /** Named child fields, all as long as the struct. */
    record Struct(java.util.List<Field> fields) implements DataType {
        public Struct {
            fields = java.util.List.copyOf(fields);
        }

        @Override
        public java.util.List<Field> children() {
            return fields;
        }

        @Override
        public String toString() {
            return "struct<" + String.join(", ", fields.stream().map(Field::toString).toList()) + ">";
        }
    }

    /**
     * A list of key-value entries: {@code entries} is a non-nullable struct field of two children,
     * the key (non-nullable) and the value. Child names need not be canonical.
     */
    record Map(Field entries, boolean keysSorted) implements DataType {
        public Map {
            Objects.requireNonNull(entries, "entries");
            if (!(entries.type() instanceof Struct s) || s.fields().size() != 2) {
                throw new IllegalArgumentException("map entries must be a struct of two fields, got " + entries.type());
            }
        }

        public Field key() {
            return entries.type().children().get(0);
        }

        public Field value() {
            return entries.type().children().get(1);
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(entries);
        }

        @Override
        public String toString() {
            return "map<" + key().type() + ", " + value().type() + (keysSorted ? ", sorted" : "") + ">";
        }
    }

    /** A value of one of several child types; {@code typeIds.get(i)} tags values of child i. */
    record Union(UnionMode mode, java.util.List<Field> fields, java.util.List<Integer> typeIds) implements DataType {
        public Union {
            Objects.requireNonNull(mode, "mode");
            fields = java.util.List.copyOf(fields);
            typeIds = java.util.List.copyOf(typeIds);
            if (typeIds.size() != fields.size()) {
                throw new IllegalArgumentException(
                        "union has " + fields.size() + " fields but " + typeIds.size() + " type ids");
            }
            boolean[] seen = new boolean[128];
            for (int id : typeIds) {
                if (id < 0 || id > 127 || seen[id]) {
                    throw new IllegalArgumentException("union type ids " + typeIds + " must be distinct and in 0..127");
                }
                seen[id] = true;
            }
        }

        static java.util.List<Integer> defaultTypeIds(int count) {
            return java.util.stream.IntStream.range(0, count).boxed().toList();
        }

        /** The child index tagged by {@code typeId}, or -1. */
        public int childIndex(int typeId) {
            return typeIds.indexOf(typeId);
        }

        @Override
        public java.util.List<Field> children() {
            return fields;
        }

        @Override
        public String toString() {
            return (mode == UnionMode.SPARSE ? "sparse_union<" : "dense_union<")
                    + String.join(", ", fields.stream().map(Field::toString).toList()) + ">";
        }
    }

    /** Values stored as integer indices into a dictionary of {@code valueType}. */
    record Dictionary(Int indexType, DataType valueType, boolean ordered) implements DataType {
        public Dictionary {
            Objects.requireNonNull(indexType, "indexType");
            Objects.requireNonNull(valueType, "valueType");
        }

        @Override
        public String toString() {
            return "dictionary<" + indexType + ", " + valueType + (ordered ? ", ordered" : "") + ">";
        }
    }

    /** Runs of equal values: a child of run ends (int16/32/64, non-nullable) and a child of values. */
    record RunEndEncoded(Field runEnds, Field values) implements DataType {
        public RunEndEncoded {
            Objects.requireNonNull(runEnds, "runEnds");
            Objects.requireNonNull(values, "values");
            if (!(runEnds.type() instanceof Int i) || !i.signed() || i.bitWidth() == 8) {
                throw new IllegalArgumentException("run ends must be int16, int32 or int64, got " + runEnds.type());
            }
        }

        @Override
        public java.util.List<Field> children() {
            return java.util.List.of(runEnds, values);
        }

        @Override
        public String toString() {
            return "run_end_encoded<" + runEnds.type() + ", " + values.type() + ">";
        }
    }

    /**
     * A user-defined type stored as {@code storage}. In IPC it travels as the storage type with the
     * field metadata keys {@code ARROW:extension:name} and {@code ARROW:extension:metadata}.
     */
    record Extension(String name, DataType storage, String metadata) implements DataType {
        public Extension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(storage, "storage");
            metadata = metadata == null ? "" : metadata;
        }

        @Override
        public java.util.List<Field> children() {
            return storage.children();
        }

        @Override
        public String toString() {
            return "extension<" + name + ", " + storage + ">";
        }
    }
}
