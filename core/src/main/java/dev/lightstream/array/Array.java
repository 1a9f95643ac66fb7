package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * An immutable Arrow array: one subclass per Arrow layout, each with typed accessors.
 *
 * <p>Arrays are views over native memory described by their {@link ArrayData}; they do not own
 * that memory. Slicing never copies. Typed subclasses are chosen by {@link #of(ArrayData)}:
 *
 * {@snippet :
 * switch (batch.column(0)) {
 *     case Int64Array ids -> System.out.println(ids.get(0));
 *     case BinaryArray names -> System.out.println(names.getString(0));
 *     case Array other -> System.out.println(other.getObject(0));
 * }
 * }
 */
public abstract sealed class Array
        permits NullArray, BooleanArray, Int8Array, Int16Array, Int32Array, Int64Array, Float16Array,
                Float32Array, Float64Array, DecimalArray, IntervalArray, FixedSizeBinaryArray, BinaryArray,
                BinaryViewArray, ListArray, ListViewArray, FixedSizeListArray, MapArray, StructArray, UnionArray,
                DictionaryArray, RunEndEncodedArray, ExtensionArray {

    final ArrayData data;
    final int offset;
    final int length;
    final MemorySegment validity;

    Array(ArrayData data) {
        this.data = Objects.requireNonNull(data, "data");
        this.offset = data.offset();
        this.length = data.length();
        this.validity = data.validity();
    }

    /**
     * The typed array for {@code data}.
     *
     * @throws IllegalArgumentException if the data's shape does not fit its type
     */
    public static Array of(ArrayData data) {
        DataType type = data.type();
        return switch (type) {
            case DataType.Extension e -> new ExtensionArray(data);
            case DataType.Dictionary d -> new DictionaryArray(data);
            case DataType.Null n -> new NullArray(data);
            case DataType.Bool b -> new BooleanArray(data);
            case DataType.Int i -> switch (i.bitWidth()) {
                case 8 -> new Int8Array(data);
                case 16 -> new Int16Array(data);
                case 32 -> new Int32Array(data);
                default -> new Int64Array(data);
            };
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> new Float16Array(data);
                case SINGLE -> new Float32Array(data);
                case DOUBLE -> new Float64Array(data);
            };
            case DataType.Decimal d -> new DecimalArray(data);
            case DataType.Date d -> d.bitWidth() == 32 ? new Int32Array(data) : new Int64Array(data);
            case DataType.Time t -> t.bitWidth() == 32 ? new Int32Array(data) : new Int64Array(data);
            case DataType.Timestamp t -> new Int64Array(data);
            case DataType.Duration d -> new Int64Array(data);
            case DataType.Interval i -> new IntervalArray(data);
            case DataType.FixedSizeBinary f -> new FixedSizeBinaryArray(data);
            case DataType.Binary b -> new BinaryArray(data);
            case DataType.LargeBinary b -> new BinaryArray(data);
            case DataType.Utf8 u -> new BinaryArray(data);
            case DataType.LargeUtf8 u -> new BinaryArray(data);
            case DataType.BinaryView b -> new BinaryViewArray(data);
            case DataType.Utf8View u -> new BinaryViewArray(data);
            case DataType.List l -> new ListArray(data);
            case DataType.LargeList l -> new ListArray(data);
            case DataType.ListView l -> new ListViewArray(data);
            case DataType.LargeListView l -> new ListViewArray(data);
            case DataType.FixedSizeList f -> new FixedSizeListArray(data);
            case DataType.Map m -> new MapArray(data);
            case DataType.Struct s -> new StructArray(data);
            case DataType.Union u -> new UnionArray(data);
            case DataType.RunEndEncoded r -> new RunEndEncodedArray(data);
        };
    }

    /** The physical description of this array. */
    public final ArrayData data() {
        return data;
    }

    public final DataType type() {
        return data.type();
    }

    /** The number of slots. */
    public final int length() {
        return length;
    }

    /**
     * The number of slots whose validity bit is clear. Unions and run-end encoded arrays have no
     * validity bitmap and report 0; their nulls are in their children (see {@link #isNull}).
     */
    public final int nullCount() {
        return data.nullCount();
    }

    /**
     * True if slot {@code index} is null. This is the logical answer: a union slot is null when
     * its child's value is, a run-end encoded slot when its run's value is, a dictionary slot when
     * its index or the dictionary value it points at is.
     */
    public boolean isNull(int index) {
        Objects.checkIndex(index, length);
        return validity != null && !Bitmaps.get(validity, (long) offset + index);
    }

    public final boolean isValid(int index) {
        return !isNull(index);
    }

    /**
     * The value of slot {@code index} as a Java object, or null: a boxed number, a String for
     * text, a byte[] for binary, a BigDecimal, a java.util.List for lists, a java.util.Map for maps
     * and structs. For display and tests; the typed accessors are the fast path.
     */
    public abstract Object getObject(int index);

    /**
     * A zero-copy view of {@code length} slots from {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is outside this array
     */
    public Array slice(int offset, int length) {
        return Array.of(data.slice(offset, length));
    }

    final void checkIndex(int index) {
        Objects.checkIndex(index, length);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[').append(type())
                .append(", length=").append(length).append("]{");
        int shown = Math.min(length, 10);
        for (int i = 0; i < shown; i++) {
            Object v = getObject(i);
            sb.append(i == 0 ? "" : ", ").append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
        }
        return sb.append(length > shown ? ", ...}" : "}").toString();
    }
}
