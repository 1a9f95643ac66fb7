package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.UnionMode;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/**
 * A full structural check of {@link ArrayData} from outside (a file, a peer) before typed arrays
 * are made of it: after {@link #validate} returns, every accessor of {@link Array#of} the data
 * stays inside its buffers.
 *
 * <p>What is checked, for the array and, recursively, its children and dictionaries:
 * <ul>
 *   <li>buffer sizes against {@code offset + length}: bitmaps, fixed-width values, offsets
 *       ({@code offset + length + 1} of them; none are read, so none are needed, when the length is 0),
 *       views, list-view offsets and sizes, union type ids and offsets;</li>
 *   <li>the null count against the validity bitmap;</li>
 *   <li>the types of children and dictionaries against the type;</li>
 *   <li>offsets: non-negative, never decreasing, the last inside the data buffer or the child;
 *       list views: offset and size non-negative and inside the child (valid slots only);</li>
 *   <li>children long enough: structs, fixed-size lists, sparse unions;</li>
 *   <li>unions: type ids among the declared ones, dense offsets inside their child;</li>
 *   <li>dictionaries: indices of valid slots inside the dictionary (a null slot may hold anything);</li>
 *   <li>run-end encoding: run ends without nulls, positive, strictly increasing, the last at
 *       least {@code offset + length}, a value per run;</li>
 *   <li>views of valid slots: length non-negative; over 12 bytes, the buffer index, offset and
 *       length inside an existing data buffer, and the prefix equal to the data;</li>
 *   <li>maps: entries and keys without nulls;</li>
 *   <li>optionally ({@link #withUtf8Check}), UTF-8 well-formedness of the valid slots of utf8 types.</li>
 * </ul>
 * Dictionaries are validated like the rest unless {@link #withDictionaryContents} turns that off
 * (their indices are always checked).
 * Decimal values are not checked against their precision. Nesting deeper than
 * {@link #maxDepth()} (children and dictionaries count) is refused.
 *
 * <p>No unchecked exception escapes {@link #validate} for data the {@link ArrayData}
 * constructor accepted; all arithmetic on lengths and offsets is overflow-safe.
 *
 * {@snippet :
 * ArrayValidator validator = ArrayValidator.defaults().withUtf8Check(true);
 * validator.validate("points", data);   // throws InvalidArrayException naming e.g. "points.item.x"
 * Array points = Array.of(data);
 * }
 */
public final class ArrayValidator {
    /** The default maximum nesting depth. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private static final ArrayValidator DEFAULTS = new ArrayValidator(DEFAULT_MAX_DEPTH, false, true);

    private final int maxDepth;
    private final boolean utf8Check;
    private final boolean dictionaryContents;

    private ArrayValidator(int maxDepth, boolean utf8Check, boolean dictionaryContents) {
        this.maxDepth = maxDepth;
        this.utf8Check = utf8Check;
        this.dictionaryContents = dictionaryContents;
    }

    /**
     * A validator with a maximum depth of {@value #DEFAULT_MAX_DEPTH}, no UTF-8 check, that
     * validates dictionaries too.
     */
    public static ArrayValidator defaults() {
        return DEFAULTS;
    }

    /**
     * The same validator with another maximum nesting depth (the top array is depth 0).
     *
     * @throws IllegalArgumentException if {@code depth} is negative
     */
    public ArrayValidator withMaxDepth(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("maxDepth=" + depth + " is negative");
        }
        return new ArrayValidator(depth, utf8Check, dictionaryContents);
    }

    /** The same validator, checking (or not) that utf8 values are well-formed UTF-8. */
    public ArrayValidator withUtf8Check(boolean check) {
        return new ArrayValidator(maxDepth, check, dictionaryContents);
    }

    /**
     * The same validator, validating (or not) the contents of dictionaries. Without, a
     * dictionary-encoded array still has its dictionary's type checked and its indices checked
     * against the dictionary's length, but the dictionary itself is taken as valid: for readers
     * that validated each dictionary once, when it arrived, and would otherwise validate it again
     * with every batch that uses it.
     */
    public ArrayValidator withDictionaryContents(boolean check) {
        return new ArrayValidator(maxDepth, utf8Check, check);
    }

    public int maxDepth() {
        return maxDepth;
    }

    public boolean checksUtf8() {
        return utf8Check;
    }

    public boolean checksDictionaryContents() {
        return dictionaryContents;
    }

    /** Validates {@code data}, naming it "array" in messages. */
    public void validate(ArrayData data) throws InvalidArrayException {
        validate("array", data);
    }

    /**
     * Validates {@code data}, naming it {@code path} in messages.
     *
     * @throws InvalidArrayException naming the field path and the problem
     */
    public void validate(String path, ArrayData data) throws InvalidArrayException {
        Objects.requireNonNull(path, "path");
        check(path, Objects.requireNonNull(data, "data"), 0);
    }

    /** Validates each column of {@code batch}, named by its field. */
    public void validate(RecordBatch batch) throws InvalidArrayException {
        for (int i = 0; i < batch.columnCount(); i++) {
            validate(childPath("", batch.schema().field(i), i), batch.column(i).data());
        }
    }

    // ---- the checks ------------------------------------------------------------------------

    private void check(String path, ArrayData data, int depth) throws InvalidArrayException {
        if (depth > maxDepth) {
            throw new InvalidArrayException(path, "nesting depth exceeds maxDepth=" + maxDepth);
        }
        DataType type = Layouts.unwrapExtension(data.type());
        long end = (long) data.offset() + data.length();
        checkValidity(path, data, end);
        switch (type) {
            case DataType.Dictionary d -> checkDictionary(path, data, d, end, depth);
            case DataType.Null n -> { }
            case DataType.Bool b -> checkSize(path, data, 1, Bitmaps.byteLength(end), "values bitmap");
            case DataType.Binary b -> checkBinary(path, data, false, false, end);
            case DataType.Utf8 u -> checkBinary(path, data, false, true, end);
            case DataType.LargeBinary b -> checkBinary(path, data, true, false, end);
            case DataType.LargeUtf8 u -> checkBinary(path, data, true, true, end);
            case DataType.BinaryView b -> checkViews(path, data, false, end);
            case DataType.Utf8View u -> checkViews(path, data, true, end);
            case DataType.List l -> checkList(path, data, type, false, end, depth);
            case DataType.LargeList l -> checkList(path, data, type, true, end, depth);
            case DataType.Map m -> checkList(path, data, type, false, end, depth);
            case DataType.ListView l -> checkListView(path, data, type, false, end, depth);
            case DataType.LargeListView l -> checkListView(path, data, type, true, end, depth);
            case DataType.FixedSizeList f -> checkFixedSizeList(path, data, f, end, depth);
            case DataType.Struct s -> checkStruct(path, data, s, end, depth);
            case DataType.Union u -> checkUnion(path, data, u, end, depth);
            case DataType.RunEndEncoded r -> checkRunEnds(path, data, r, end, depth);
            case DataType.Extension e -> throw new AssertionError("unwrapped above");
            default -> checkSize(path, data, 1, end * Layouts.byteWidth(type), "values buffer");
        }
    }

    private static void checkSize(String path, ArrayData data, int buffer, long needed, String what)
            throws InvalidArrayException {
        long size = data.buffer(buffer).byteSize();
        if (size < needed) {
            throw new InvalidArrayException(path, what + " (buffer " + buffer + ") has " + size + " bytes, needs "
                    + needed + " for offset=" + data.offset() + " length=" + data.length());
        }
    }

    private static void checkValidity(String path, ArrayData data, long end) throws InvalidArrayException {
        if (!Layouts.hasValidity(data.type())) {
            return;
        }
        MemorySegment validity = data.validity();
        if (validity == null) {
            if (data.nullCount() != 0) {
                throw new InvalidArrayException(path, "nullCount=" + data.nullCount() + " without a validity bitmap");
            }
            return;
        }
        checkSize(path, data, 0, Bitmaps.byteLength(end), "validity bitmap");
        long counted = data.length() - Bitmaps.countSet(validity, data.offset(), data.length());
        if (data.nullCount() != counted) {
            throw new InvalidArrayException(path, "nullCount=" + data.nullCount() + " but the validity bitmap has "
                    + counted + " nulls");
        }
    }

    private static boolean isValidSlot(ArrayData data, long slot) {
        MemorySegment validity = data.validity();
        return validity == null || Bitmaps.get(validity, slot);
    }

    private void checkChildTypes(String path, ArrayData data, List<Field> fields) throws InvalidArrayException {
        for (int i = 0; i < fields.size(); i++) {
            DataType declared = fields.get(i).type();
            DataType actual = data.child(i).type();
            if (!declared.equals(actual)) {
                throw new InvalidArrayException(childPath(path, fields.get(i), i), "child has type " + actual
                        + ", the parent type declares " + declared);
            }
        }
    }

    private static String childPath(String path, Field field, int index) {
        String name = field.name().isEmpty() ? "[" + index + "]" : field.name();
        return path.isEmpty() ? name : name.startsWith("[") ? path + name : path + "." + name;
    }

    private static long readOffset(MemorySegment offsets, boolean large, long slot) {
        return large ? offsets.get(LE.LONG, slot * 8) : offsets.get(LE.INT, slot * 4);
    }

    /**
     * Checks the offsets of slots {@code [offset, end]}: non-negative, never decreasing, the last
     * at most {@code limit}. Returns the first and last offset, or null when the length is 0.
     */
    private static long[] checkOffsets(String path, ArrayData data, boolean large, long end, long limit,
            String limitName) throws InvalidArrayException {
        if (data.length() == 0) {
            return null;
        }
        int width = large ? 8 : 4;
        checkSize(path, data, 1, (end + 1) * width, "offsets buffer");
        MemorySegment offsets = data.buffer(1);
        long first = readOffset(offsets, large, data.offset());
        if (first < 0) {
            throw new InvalidArrayException(path, "offset at slot 0 is negative: " + first);
        }
        long previous = first;
        for (long slot = data.offset() + 1; slot <= end; slot++) {
            long next = readOffset(offsets, large, slot);
            if (next < previous) {
                throw new InvalidArrayException(path, "offsets decrease at slot " + (slot - data.offset()) + ": "
                        + previous + " then " + next);
            }
            previous = next;
        }
        if (previous > limit) {
            throw new InvalidArrayException(path, "last offset " + previous + " is past the end of the " + limitName
                    + " (" + limit + ")");
        }
        return new long[] {first, previous};
    }

    private void checkBinary(String path, ArrayData data, boolean large, boolean utf8, long end)
            throws InvalidArrayException {
        MemorySegment values = data.buffer(2);
        checkOffsets(path, data, large, end, values.byteSize(), "data buffer (buffer 2)");
        if (utf8 && utf8Check && data.length() > 0) {
            MemorySegment offsets = data.buffer(1);
            for (long slot = data.offset(); slot < end; slot++) {
                if (isValidSlot(data, slot)) {
                    long start = readOffset(offsets, large, slot);
                    long stop = readOffset(offsets, large, slot + 1);
                    checkUtf8(path, values, start, stop - start, slot - data.offset());
                }
            }
        }
    }

    private static void checkUtf8(String path, MemorySegment bytes, long start, long length, long index)
            throws InvalidArrayException {
        long bad = Utf8.firstInvalid(bytes, start, length);
        if (bad >= 0) {
            throw new InvalidArrayException(path, "slot " + index + " is not valid UTF-8 at byte " + (bad - start));
        }
    }

    private void checkViews(String path, ArrayData data, boolean utf8, long end) throws InvalidArrayException {
        checkSize(path, data, 1, end * 16, "views buffer");
        MemorySegment views = data.buffer(1);
        int dataBuffers = data.bufferCount() - 2;
        for (long slot = data.offset(); slot < end; slot++) {
            if (!isValidSlot(data, slot)) {
                continue;
            }
            long index = slot - data.offset();
            long view = slot * 16;
            int length = views.get(LE.INT, view);
            if (length < 0) {
                throw new InvalidArrayException(path, "view of slot " + index + " has a negative length: " + length);
            }
            if (length <= BinaryViewArray.MAX_INLINE) {
                if (utf8 && utf8Check) {
                    checkUtf8(path, views, view + 4, length, index);
                }
                continue;
            }
            int bufferIndex = views.get(LE.INT, view + 8);
            int offset = views.get(LE.INT, view + 12);
            if (bufferIndex < 0 || bufferIndex >= dataBuffers) {
                throw new InvalidArrayException(path, "view of slot " + index + " points at data buffer " + bufferIndex
                        + ", but there are " + dataBuffers);
            }
            MemorySegment buffer = data.buffer(2 + bufferIndex);
            if (offset < 0 || (long) offset + length > buffer.byteSize()) {
                throw new InvalidArrayException(path, "view of slot " + index + " (offset=" + offset + " length="
                        + length + ") is outside data buffer " + bufferIndex + " of " + buffer.byteSize() + " bytes");
            }
            if (views.get(LE.INT, view + 4) != buffer.get(LE.INT, offset)) {
                throw new InvalidArrayException(path, "view of slot " + index
                        + " has a prefix that differs from its data");
            }
            if (utf8 && utf8Check) {
                checkUtf8(path, buffer, offset, length, index);
            }
        }
    }

    private void checkList(String path, ArrayData data, DataType type, boolean large, long end, int depth)
            throws InvalidArrayException {
        List<Field> fields = type.children();
        checkChildTypes(path, data, fields);
        ArrayData child = data.child(0);
        String childPath = childPath(path, fields.getFirst(), 0);
        long[] range = checkOffsets(path, data, large, end, child.length(), "child " + childPath);
        check(childPath, child, depth + 1);
        if (type instanceof DataType.Map && range != null) {
            checkMapEntries(childPath, child, range[0], range[1]);
        }
    }

    private static void checkMapEntries(String path, ArrayData entriesData, long from, long to)
            throws InvalidArrayException {
        // The entries have been validated: their accessors are safe now.
        StructArray entries = (StructArray) Array.of(entriesData);
        Array keys = entries.field(0);
        for (long i = from; i < to; i++) {
            int entry = (int) i;
            if (entries.isNull(entry)) {
                throw new InvalidArrayException(path, "map entry " + entry + " is null");
            }
            if (keys.isNull(entry)) {
                throw new InvalidArrayException(path, "map key of entry " + entry + " is null");
            }
        }
    }

    private void checkListView(String path, ArrayData data, DataType type, boolean large, long end, int depth)
            throws InvalidArrayException {
        List<Field> fields = type.children();
        checkChildTypes(path, data, fields);
        int width = large ? 8 : 4;
        checkSize(path, data, 1, end * width, "offsets buffer");
        checkSize(path, data, 2, end * width, "sizes buffer");
        ArrayData child = data.child(0);
        MemorySegment offsets = data.buffer(1);
        MemorySegment sizes = data.buffer(2);
        for (long slot = data.offset(); slot < end; slot++) {
            if (!isValidSlot(data, slot)) {
                continue;
            }
            long offset = readOffset(offsets, large, slot);
            long size = readOffset(sizes, large, slot);
            if (offset < 0 || size < 0 || offset > child.length() - size) {
                throw new InvalidArrayException(path, "list view of slot " + (slot - data.offset()) + " (offset="
                        + offset + " size=" + size + ") is outside the child of length " + child.length());
            }
        }
        check(childPath(path, fields.getFirst(), 0), child, depth + 1);
    }

    private void checkFixedSizeList(String path, ArrayData data, DataType.FixedSizeList type, long end, int depth)
            throws InvalidArrayException {
        checkChildTypes(path, data, type.children());
        ArrayData child = data.child(0);
        long needed = end * type.listSize();
        if (child.length() < needed) {
            throw new InvalidArrayException(path, "child has " + child.length() + " values, needs " + needed
                    + " for offset=" + data.offset() + " length=" + data.length() + " listSize=" + type.listSize());
        }
        check(childPath(path, type.element(), 0), child, depth + 1);
    }

    private void checkStruct(String path, ArrayData data, DataType.Struct type, long end, int depth)
            throws InvalidArrayException {
        checkChildTypes(path, data, type.fields());
        for (int i = 0; i < type.fields().size(); i++) {
            String childPath = childPath(path, type.fields().get(i), i);
            ArrayData child = data.child(i);
            if (child.length() < end) {
                throw new InvalidArrayException(childPath, "child has " + child.length() + " values, the struct needs "
                        + end + " (offset=" + data.offset() + " length=" + data.length() + ")");
            }
            check(childPath, child, depth + 1);
        }
    }

    private void checkUnion(String path, ArrayData data, DataType.Union type, long end, int depth)
            throws InvalidArrayException {
        checkChildTypes(path, data, type.fields());
        checkSize(path, data, 0, end, "type ids buffer");
        boolean dense = type.mode() == UnionMode.DENSE;
        if (dense) {
            checkSize(path, data, 1, end * 4, "offsets buffer");
        } else {
            for (int i = 0; i < type.fields().size(); i++) {
                if (data.child(i).length() < end) {
                    throw new InvalidArrayException(childPath(path, type.fields().get(i), i), "child has "
                            + data.child(i).length() + " values, the sparse union needs " + end);
                }
            }
        }
        MemorySegment typeIds = data.buffer(0);
        for (long slot = data.offset(); slot < end; slot++) {
            byte id = typeIds.get(LE.BYTE, slot);
            int child = type.childIndex(id);
            if (child < 0) {
                throw new InvalidArrayException(path, "slot " + (slot - data.offset()) + " has type id " + id
                        + ", not one of " + type.typeIds());
            }
            if (dense) {
                int offset = data.buffer(1).get(LE.INT, slot * 4);
                if (offset < 0 || offset >= data.child(child).length()) {
                    throw new InvalidArrayException(path, "slot " + (slot - data.offset()) + " has offset " + offset
                            + " outside child " + child + " of length " + data.child(child).length());
                }
            }
        }
        for (int i = 0; i < type.fields().size(); i++) {
            check(childPath(path, type.fields().get(i), i), data.child(i), depth + 1);
        }
    }

    private void checkDictionary(String path, ArrayData data, DataType.Dictionary type, long end, int depth)
            throws InvalidArrayException {
        DataType.Int indexType = type.indexType();
        checkSize(path, data, 1, end * indexType.byteWidth(), "indices buffer");
        ArrayData dictionary = data.dictionary();
        String dictionaryPath = path + "[dictionary]";
        if (!dictionary.type().equals(type.valueType())) {
            throw new InvalidArrayException(dictionaryPath, "dictionary has type " + dictionary.type()
                    + ", the dictionary type declares " + type.valueType());
        }
        if (dictionaryContents) {
            check(dictionaryPath, dictionary, depth + 1);
        }
        MemorySegment indices = data.buffer(1);
        long size = dictionary.length();
        for (long slot = data.offset(); slot < end; slot++) {
            if (!isValidSlot(data, slot)) {
                continue;
            }
            long index = switch (indexType.bitWidth()) {
                case 8 -> indexType.signed() ? indices.get(LE.BYTE, slot) : Byte.toUnsignedLong(indices.get(LE.BYTE, slot));
                case 16 -> indexType.signed() ? indices.get(LE.SHORT, slot * 2)
                        : Short.toUnsignedLong(indices.get(LE.SHORT, slot * 2));
                case 32 -> indexType.signed() ? indices.get(LE.INT, slot * 4)
                        : Integer.toUnsignedLong(indices.get(LE.INT, slot * 4));
                default -> indices.get(LE.LONG, slot * 8);
            };
            // A uint64 index above 2^63 reads as negative here and is refused with the rest.
            if (index < 0 || index >= size) {
                String shown = indexType.bitWidth() == 64 && !indexType.signed() ? Long.toUnsignedString(index)
                        : Long.toString(index);
                throw new InvalidArrayException(path, "slot " + (slot - data.offset()) + " has dictionary index "
                        + shown + " outside the dictionary of length " + size);
            }
        }
    }

    private void checkRunEnds(String path, ArrayData data, DataType.RunEndEncoded type, long end, int depth)
            throws InvalidArrayException {
        checkChildTypes(path, data, type.children());
        ArrayData runEndsData = data.child(0);
        ArrayData valuesData = data.child(1);
        String runEndsPath = childPath(path, type.runEnds(), 0);
        check(runEndsPath, runEndsData, depth + 1);
        check(childPath(path, type.values(), 1), valuesData, depth + 1);
        if (runEndsData.nullCount() != 0) {
            throw new InvalidArrayException(runEndsPath, "run ends have " + runEndsData.nullCount() + " nulls");
        }
        int runs = runEndsData.length();
        if (valuesData.length() < runs) {
            throw new InvalidArrayException(path, "values child has " + valuesData.length() + " values for " + runs
                    + " runs");
        }
        if (runs == 0) {
            if (data.length() > 0) {
                throw new InvalidArrayException(runEndsPath, "no runs for length=" + data.length());
            }
            return;
        }
        Array runEnds = Array.of(runEndsData); // validated above: its accessors are safe
        long previous = 0;
        for (int run = 0; run < runs; run++) {
            long runEnd = switch (runEnds) {
                case Int16Array a -> a.get(run);
                case Int32Array a -> a.get(run);
                case Int64Array a -> a.get(run);
                default -> throw new InvalidArrayException(runEndsPath, "run ends of type " + runEnds.type());
            };
            if (runEnd <= previous) {
                throw new InvalidArrayException(runEndsPath, run == 0
                        ? "run end 0 is not positive: " + runEnd
                        : "run ends are not strictly increasing at run " + run + ": " + previous + " then " + runEnd);
            }
            previous = runEnd;
        }
        if (previous < end) {
            throw new InvalidArrayException(runEndsPath, "last run end " + previous + " is before offset + length = "
                    + end);
        }
    }
}
