package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The physical layout of one array, the way the Arrow C data interface describes it: a type, a
 * length, an offset into the buffers, a null count, the buffers, the children and, for a
 * dictionary-encoded array, the dictionary.
 *
 * <p>Buffers follow the Arrow layout of the type, with the validity bitmap first for every type
 * that has one: {@code [validity, values]} for fixed-width types, {@code [validity, offsets, data]}
 * for binary and utf8, {@code [validity, views, data...]} for the view types, {@code [typeIds]} or
 * {@code [typeIds, offsets]} for unions, none for null and run-end encoded. An absent validity
 * bitmap is {@code null} and means "no nulls".
 *
 * <p>{@code offset} applies to this array's own buffers, and also to the children of struct,
 * fixed-size list, sparse union and run-end encoded arrays (whose child positions follow the
 * parent's), as in the C data interface. Typed arrays ({@link Array#of}) hide this.
 *
 * <p>ArrayData does not own memory: whoever created the segments keeps them alive (a
 * {@link RecordBatch} does so for the arrays it holds). Instances are immutable except for the
 * lazily computed null count.
 */
public final class ArrayData {
    /** Marks a null count that has not been computed yet. */
    public static final int UNKNOWN_NULL_COUNT = -1;

    private final DataType type;
    private final int length;
    private final int offset;
    private volatile int nullCount;
    private final MemorySegment[] buffers;
    private final List<ArrayData> children;
    private final ArrayData dictionary;

    /**
     * Creates array data; checks the shape (number of buffers and children for the type), not the
     * contents. Use {@link ArrayValidator} for a full structural check of untrusted data.
     *
     * @throws IllegalArgumentException if the shape does not fit the type
     */
    public ArrayData(DataType type, int length, int offset, int nullCount, MemorySegment[] buffers,
            List<ArrayData> children, ArrayData dictionary) {
        this.type = Objects.requireNonNull(type, "type");
        if (length < 0 || offset < 0 || nullCount < UNKNOWN_NULL_COUNT || nullCount > length) {
            throw new IllegalArgumentException(
                    "invalid array: length=" + length + " offset=" + offset + " nullCount=" + nullCount);
        }
        this.length = length;
        this.offset = offset;
        this.buffers = buffers.clone();
        this.children = List.copyOf(children);
        this.dictionary = dictionary;
        Layouts.checkShape(this);
        this.nullCount = nullCount == UNKNOWN_NULL_COUNT && this.buffers.length > 0 && Layouts.hasValidity(type)
                && this.buffers[0] == null ? 0 : nullCount;
    }

    /** Array data with no offset and an unknown null count. */
    public static ArrayData of(DataType type, int length, MemorySegment[] buffers, List<ArrayData> children) {
        return new ArrayData(type, length, 0, UNKNOWN_NULL_COUNT, buffers, children, null);
    }

    public DataType type() {
        return type;
    }

    public int length() {
        return length;
    }

    public int offset() {
        return offset;
    }

    /**
     * The number of null slots among this array's own validity bits (0 when there is no bitmap,
     * the length for the null type). Unions and run-end encoded arrays report 0: their nulls live
     * in their children.
     */
    public int nullCount() {
        int n = nullCount;
        if (n == UNKNOWN_NULL_COUNT && Layouts.physical(type) instanceof DataType.Null) {
            n = length;
            nullCount = n;
        } else if (n == UNKNOWN_NULL_COUNT) {
            MemorySegment validity = Layouts.hasValidity(type) && buffers.length > 0 ? buffers[0] : null;
            n = validity == null ? 0 : length - (int) Bitmaps.countSet(validity, offset, length);
            nullCount = n;
        }
        return n;
    }

    /** The validity bitmap, or null when every slot is valid. */
    public MemorySegment validity() {
        return Layouts.hasValidity(type) && buffers.length > 0 ? buffers[0] : null;
    }

    /** Buffer {@code i} in layout order (see the class comment). */
    public MemorySegment buffer(int i) {
        return buffers[i];
    }

    public int bufferCount() {
        return buffers.length;
    }

    /** A copy of the buffer array. */
    public MemorySegment[] buffers() {
        return buffers.clone();
    }

    public List<ArrayData> children() {
        return children;
    }

    public ArrayData child(int i) {
        return children.get(i);
    }

    /** The dictionary of a dictionary-encoded array, or null. */
    public ArrayData dictionary() {
        return dictionary;
    }

    /**
     * A view of {@code length} slots from {@code offset}, sharing the buffers.
     *
     * @throws IndexOutOfBoundsException if the range is not inside this array
     */
    public ArrayData slice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, this.length);
        int nulls = offset == 0 && length == this.length ? nullCount : UNKNOWN_NULL_COUNT;
        if (nulls == UNKNOWN_NULL_COUNT && Layouts.physical(type) instanceof DataType.Null) {
            nulls = length; // every slot of the null type is null, though it has no bitmap
        } else if (nulls == UNKNOWN_NULL_COUNT && validity() == null) {
            nulls = 0;
        }
        return new ArrayData(type, length, this.offset + offset, nulls, buffers, children, dictionary);
    }

    /** The same data with another type of the same layout (an extension over its storage, say). */
    public ArrayData withType(DataType newType) {
        return new ArrayData(newType, length, offset, nullCount, buffers, children, dictionary);
    }

    /**
     * The indices of a dictionary-encoded array: the same buffers typed as the index type, with
     * no dictionary.
     *
     * @throws IllegalStateException if this array is not dictionary-encoded
     */
    public ArrayData indices() {
        if (!(type instanceof DataType.Dictionary d)) {
            throw new IllegalStateException(type + " is not dictionary-encoded");
        }
        return new ArrayData(d.indexType(), length, offset, nullCount, buffers, children, null);
    }

    @Override
    public String toString() {
        return "ArrayData[type=" + type + ", length=" + length + ", offset=" + offset + ", buffers="
                + Arrays.stream(buffers).map(b -> b == null ? "null" : String.valueOf(b.byteSize())).toList()
                + ", children=" + children.size() + (dictionary == null ? "" : ", dictionary") + "]";
    }
}
