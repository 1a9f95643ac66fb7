package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A builder of one {@link Array}: the common base of the {@code Builder} nested in every array
 * class. Values are appended at the end; {@link #build()} turns what was appended into an array
 * and leaves the builder empty, ready for the next one.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      ArrayBuilder builder = ArrayBuilder.of(allocator, DataType.list(DataType.UTF8))) {
 *     builder.appendObject(List.of("a", "b")).appendNull().appendObject(List.of());
 *     List<MemoryBlock> owner = new ArrayList<>();
 *     ListArray lists = (ListArray) builder.build(owner);   // owner now holds its memory
 *     owner.forEach(MemoryBlock::release);
 * }
 * }
 *
 * <h2>Memory</h2>
 * Builders write straight into 64-byte-aligned, zero-padded blocks of their allocator, doubling a
 * block (and copying it) when it fills up. A validity bitmap is only made once a null is appended.
 * The blocks of a built array go to the list passed to {@link #build(List)}, which then owns one
 * reference to each; {@link #build()} leaves them to the allocator, which frees them when it
 * closes. {@link #close()} releases whatever was appended but not built.
 *
 * <h2>Nested types</h2>
 * Nested builders expose their child builders, and a nested value is appended in three steps:
 * open the slot ({@code startList()}, {@code startMap()}, {@code startStruct()},
 * {@code startUnion(typeId)}, {@code startRun()}), append to the child builders, and close the
 * slot ({@code endList()}, {@code endMap()}, ...), which checks what the children received.
 * {@link #appendObject(Object)} does all of it for a value shaped like {@link Array#getObject}.
 *
 * <p>Dictionary-encoded fields are built by a {@link DictionaryArray.Builder}, which dedups the
 * values into its dictionary; fields with the same {@link Field#dictionaryId()} in one
 * {@link #of} type (or one {@link RecordBatchBuilder}) share a dictionary.
 *
 * <p>Builders are not thread-safe. Misuse (a value out of range for the type, a slot closed that
 * was never opened, an append after {@link #close()}) throws {@link IllegalArgumentException} or
 * {@link IllegalStateException}. A leaf builder is unchanged by an append refused with
 * {@link IllegalArgumentException}; a nested one may keep part of a nested value, and any builder
 * that met an {@link dev.lightstream.memory.AllocationLimitException} may be inconsistent: close
 * it rather than go on.
 */
public abstract sealed class ArrayBuilder implements AutoCloseable
        permits NullArray.Builder, BooleanArray.Builder, Int8Array.Builder, Int16Array.Builder, Int32Array.Builder,
                Int64Array.Builder, Float16Array.Builder, Float32Array.Builder, Float64Array.Builder,
                DecimalArray.Builder, IntervalArray.Builder, FixedSizeBinaryArray.Builder, BinaryArray.Builder,
                BinaryViewArray.Builder, ListArray.Builder, ListViewArray.Builder, FixedSizeListArray.Builder,
                MapArray.Builder, StructArray.Builder, UnionArray.Builder, DictionaryArray.Builder,
                RunEndEncodedArray.Builder, ExtensionArray.Builder {

    final BufferAllocator allocator;
    final DataType type;
    /** The validity bitmap; null for layouts without one (null, union, run-end encoded). */
    final ValidityBuilder validity;
    int length;
    private boolean closed;

    ArrayBuilder(BufferAllocator allocator, DataType type, boolean hasValidity) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.type = Objects.requireNonNull(type, "type");
        this.validity = hasValidity ? new ValidityBuilder(allocator) : null;
    }

    /**
     * A builder for arrays of {@code type}, with builders for its children made the same way.
     * Dictionary-encoded child fields that carry the same {@link Field#dictionaryId()} share one
     * dictionary.
     *
     * @throws IllegalArgumentException if two fields share a dictionary id with different value types
     */
    public static ArrayBuilder of(BufferAllocator allocator, DataType type) {
        return create(allocator, type, Field.NO_DICTIONARY_ID, new DictionaryScope(allocator));
    }

    /**
     * An array of {@code type} holding {@code values}, each as {@link #appendObject} takes it
     * (null for a null slot). Its memory stays with the allocator (see {@link #build()}).
     */
    public static Array fromObjects(BufferAllocator allocator, DataType type, Object... values) {
        return fromList(allocator, type, Arrays.asList(values), new ArrayList<>());
    }

    /**
     * An array of {@code type} holding {@code values} (see {@link #fromObjects}); its memory blocks go
     * to {@code owner}.
     */
    public static Array fromList(BufferAllocator allocator, DataType type, List<?> values, List<MemoryBlock> owner) {
        try (ArrayBuilder builder = of(allocator, type)) {
            for (Object value : values) {
                builder.appendObject(value);
            }
            return builder.build(owner);
        }
    }

    static ArrayBuilder forField(BufferAllocator allocator, Field field, DictionaryScope scope) {
        return create(allocator, field.type(), field.dictionaryId(), scope);
    }

    static ArrayBuilder create(BufferAllocator allocator, DataType type, long dictionaryId, DictionaryScope scope) {
        return switch (type) {
            case DataType.Extension e -> new ExtensionArray.Builder(allocator, e, dictionaryId, scope);
            case DataType.Dictionary d -> new DictionaryArray.Builder(allocator, d, scope.values(dictionaryId, d));
            case DataType.Null n -> new NullArray.Builder(allocator);
            case DataType.Bool b -> new BooleanArray.Builder(allocator);
            case DataType.Int i -> switch (i.bitWidth()) {
                case 8 -> new Int8Array.Builder(allocator, type);
                case 16 -> new Int16Array.Builder(allocator, type);
                case 32 -> new Int32Array.Builder(allocator, type);
                default -> new Int64Array.Builder(allocator, type);
            };
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> new Float16Array.Builder(allocator);
                case SINGLE -> new Float32Array.Builder(allocator);
                case DOUBLE -> new Float64Array.Builder(allocator);
            };
            case DataType.Decimal d -> new DecimalArray.Builder(allocator, d);
            case DataType.Date d -> d.bitWidth() == 32 ? new Int32Array.Builder(allocator, type)
                    : new Int64Array.Builder(allocator, type);
            case DataType.Time t -> t.bitWidth() == 32 ? new Int32Array.Builder(allocator, type)
                    : new Int64Array.Builder(allocator, type);
            case DataType.Timestamp t -> new Int64Array.Builder(allocator, type);
            case DataType.Duration d -> new Int64Array.Builder(allocator, type);
            case DataType.Interval i -> new IntervalArray.Builder(allocator, i);
            case DataType.FixedSizeBinary f -> new FixedSizeBinaryArray.Builder(allocator, f);
            case DataType.Binary b -> new BinaryArray.Builder(allocator, type);
            case DataType.LargeBinary b -> new BinaryArray.Builder(allocator, type);
            case DataType.Utf8 u -> new BinaryArray.Builder(allocator, type);
            case DataType.LargeUtf8 u -> new BinaryArray.Builder(allocator, type);
            case DataType.BinaryView b -> new BinaryViewArray.Builder(allocator, type,
                    BinaryViewArray.Builder.DEFAULT_DATA_BUFFER_SIZE);
            case DataType.Utf8View u -> new BinaryViewArray.Builder(allocator, type,
                    BinaryViewArray.Builder.DEFAULT_DATA_BUFFER_SIZE);
            case DataType.List l -> new ListArray.Builder(allocator, type, scope);
            case DataType.LargeList l -> new ListArray.Builder(allocator, type, scope);
            case DataType.ListView l -> new ListViewArray.Builder(allocator, type, scope);
            case DataType.LargeListView l -> new ListViewArray.Builder(allocator, type, scope);
            case DataType.FixedSizeList f -> new FixedSizeListArray.Builder(allocator, f, scope);
            case DataType.Map m -> new MapArray.Builder(allocator, m, scope);
            case DataType.Struct s -> new StructArray.Builder(allocator, s, scope);
            case DataType.Union u -> new UnionArray.Builder(allocator, u, scope);
            case DataType.RunEndEncoded r -> new RunEndEncodedArray.Builder(allocator, r, scope);
        };
    }

    /** The type of the arrays this builder makes. */
    public final DataType type() {
        return type;
    }

    /** The number of slots appended since the last build. */
    public int length() {
        return length;
    }

    /**
     * The number of slots appended as null. Unions and run-end encoded builders report 0 (their
     * nulls are in their children), as {@link Array#nullCount()} does.
     */
    public int nullCount() {
        return validity == null ? 0 : validity.nullCount();
    }

    /** Appends a null slot. */
    public abstract ArrayBuilder appendNull();

    /**
     * Appends a value given as the Java object {@link Array#getObject} returns for this type, or
     * null for a null slot: a boxed number (any {@link Number} in range), a {@link String} or
     * {@code byte[]}, a {@link java.math.BigDecimal}, a {@link List} for lists, a {@link java.util.Map}
     * for structs and intervals, a list of maps (or a map) for maps. A union takes the first child
     * that accepts the value; use {@link UnionArray.Builder#append(int, Object)} to pick the child.
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public abstract ArrayBuilder appendObject(Object value);

    /**
     * This builder as {@code builderClass}, for typed access to a child builder:
     * {@code list.values().as(Int32Array.Builder.class).append(7)}.
     *
     * @throws IllegalArgumentException if it is a builder of another kind
     */
    public final <T extends ArrayBuilder> T as(Class<T> builderClass) {
        if (!builderClass.isInstance(this)) {
            throw new IllegalArgumentException("builder of " + type + " is a " + getClass().getName()
                    + ", not a " + builderClass.getName());
        }
        return builderClass.cast(this);
    }

    /**
     * Builds what was appended and starts over empty. The array's memory stays owned by the
     * allocator, which frees it when it closes; use {@link #build(List)} to own it.
     *
     * @throws IllegalStateException if a nested slot is still open or the builder is closed
     */
    public Array build() {
        return build(new ArrayList<>());
    }

    /**
     * Builds what was appended and starts over empty; the memory blocks of the array (one
     * reference each) are added to {@code owner}, whose holder must release them once the array
     * is no longer used: for example {@link RecordBatch#of(dev.lightstream.schema.Schema, int, List, List)}.
     *
     * @throws IllegalStateException if a nested slot is still open or the builder is closed
     */
    public Array build(List<MemoryBlock> owner) {
        return Array.of(buildData(owner));
    }

    /** Builds the physical description only; see {@link #build(List)}. */
    public ArrayData buildData(List<MemoryBlock> owner) {
        Objects.requireNonNull(owner, "owner");
        checkOpen();
        checkComplete();
        return take(owner);
    }

    /** Makes the array data of what was appended and starts over empty (for parents building children). */
    final ArrayData take(List<MemoryBlock> owner) {
        ArrayData data = finish(owner);
        length = 0;
        return data;
    }

    /** Releases the memory of what was appended and not built. Idempotent; the builder is unusable after. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (validity != null) {
            validity.close();
        }
        releaseBuffers();
        length = 0;
    }

    final boolean isClosed() {
        return closed;
    }

    // ---- for the subclasses ----------------------------------------------------------------

    /** Makes the array data of what was appended, giving the blocks to {@code owner}, and resets the buffers. */
    abstract ArrayData finish(List<MemoryBlock> owner);

    /** Releases every buffer (and closes child builders). */
    abstract void releaseBuffers();

    /** Appends a valid placeholder value (zero, empty): what a non-nullable child gets under a null parent. */
    abstract void appendFiller();

    /** True if {@link #appendObject} would take {@code value} (a cheap check of its Java shape). */
    abstract boolean accepts(Object value);

    /** Throws if a nested slot is open here or in a child; the default has none. */
    void checkComplete() {}

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("builder of " + type + " is closed");
        }
    }

    /** Checks that one more slot fits. */
    final void checkAppend() {
        checkOpen();
        if (length == Integer.MAX_VALUE) {
            throw new IllegalStateException("builder of " + type + " is full: length=" + length);
        }
    }

    /** Counts one more valid slot. */
    final void markValid() {
        if (validity != null) {
            validity.appendValid(length);
        }
        length++;
    }

    /** Counts one more null slot. */
    final void markNull() {
        validity.appendNull(length);
        length++;
    }

    /** Appends a null to a child whose field is nullable, a filler value otherwise. */
    static void appendAbsent(ArrayBuilder child, Field field) {
        if (field.nullable() || child instanceof NullArray.Builder) {
            child.appendNull();
        } else {
            child.appendFiller();
        }
    }

    /** True if {@code value} is null or {@code builder} accepts it. */
    static boolean acceptsOrNull(ArrayBuilder builder, Object value) {
        return value == null || builder.accepts(value);
    }

    final IllegalArgumentException cannotAppend(Object value) {
        return new IllegalArgumentException("cannot append a " + value.getClass().getName() + " (" + value
                + ") to a builder of " + type);
    }
}
