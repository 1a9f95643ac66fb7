package dev.lightstream.integration;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Precision;
import dev.lightstream.schema.UnionMode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Decodes one column of a record batch (a "FieldData" object) into a {@link HeapArray}, buffer by
 * buffer, exactly as the JSON describes it:
 *
 * <pre>
 * { "name": "f", "count": 3,
 *   "VALIDITY": [1, 0, 1],            bitmap; absent means all valid
 *   "OFFSET":   [0, 2, 2, 5],         binary, list: count+1 offsets; list view, dense union: count
 *   "SIZE":     [...],                list view sizes
 *   "TYPE_ID":  [...],                union type ids
 *   "DATA":     [...],                values (indices for a dictionary-encoded column)
 *   "VIEWS":    [...], "VARIADIC_DATA_BUFFERS": [...],   binary and utf8 views
 *   "children": [ FieldData... ] }
 * </pre>
 *
 * <p>Every count is checked against the number of entries present before a buffer is sized by
 * it, and every offset, size, type id, run end and dictionary index is checked against what it
 * points into. Values under null slots are placeholders: any well-formed value is kept, and JSON
 * {@code null} (or an empty object, as Arrow C++ writes for null intervals) reads as zero.
 */
final class ColumnReader {
    /** The largest single buffer this reader stages on the heap. */
    static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 64;

    /** Finds (loading it if needed) the dictionary with an id. */
    interface DictionaryResolver {
        LoadedDictionary resolve(long id, JsonCursor usedAt) throws IOException;
    }

    private final DictionaryResolver dictionaries;
    private final Set<LoadedDictionary> used = Collections.newSetFromMap(new IdentityHashMap<>());

    ColumnReader(DictionaryResolver dictionaries) {
        this.dictionaries = dictionaries;
    }

    /** The dictionaries the columns read so far point into. */
    Set<LoadedDictionary> usedDictionaries() {
        return used;
    }

    HeapArray read(JsonCursor column, Field field) throws IOException {
        int count = column.member("count").nonNegativeInt();
        DataType type = field.type();
        DataType storage = type;
        while (storage instanceof DataType.Extension e) {
            storage = e.storage();
        }
        return switch (storage) {
            case DataType.Dictionary d -> dictionaryEncoded(column, field, d, count);
            case DataType.Null n -> new HeapArray(type, count, count, new byte[0][], List.of(), null);
            case DataType.Bool b -> bools(column, type, count);
            case DataType.Int i -> integers(column, type, count, i.byteWidth(), i.signed());
            case DataType.Date d -> integers(column, type, count, d.bitWidth() / 8, true);
            case DataType.Time t -> integers(column, type, count, t.bitWidth() / 8, true);
            case DataType.Timestamp t -> integers(column, type, count, 8, true);
            case DataType.Duration d -> integers(column, type, count, 8, true);
            case DataType.FloatingPoint f -> floats(column, type, count, f.precision());
            case DataType.Decimal d -> decimals(column, type, count, d.bitWidth());
            case DataType.Interval i -> intervals(column, type, count, i.unit());
            case DataType.FixedSizeBinary f -> fixedSizeBinary(column, type, count, f.byteWidth());
            case DataType.Binary b -> varBinary(column, type, count, false, false);
            case DataType.Utf8 u -> varBinary(column, type, count, false, true);
            case DataType.LargeBinary b -> varBinary(column, type, count, true, false);
            case DataType.LargeUtf8 u -> varBinary(column, type, count, true, true);
            case DataType.BinaryView b -> views(column, type, count, false);
            case DataType.Utf8View u -> views(column, type, count, true);
            case DataType.List l -> list(column, type, count, false, l.element());
            case DataType.LargeList l -> list(column, type, count, true, l.element());
            case DataType.Map m -> list(column, type, count, false, m.entries());
            case DataType.ListView l -> listView(column, type, count, false, l.element());
            case DataType.LargeListView l -> listView(column, type, count, true, l.element());
            case DataType.FixedSizeList f -> fixedSizeList(column, type, count, f);
            case DataType.Struct s -> struct(column, type, count, s);
            case DataType.Union u -> union(column, type, count, u);
            case DataType.RunEndEncoded r -> runEndEncoded(column, type, count, r);
            case DataType.Extension e -> throw new AssertionError("unwrapped above");
        };
    }

    // ---- validity ------------------------------------------------------------------------------

    /** A decoded VALIDITY member: a bitmap, or null when every slot is valid. */
    private record Validity(byte[] bitmap, int nullCount) {
        boolean isValid(int i) {
            return bitmap == null || HeapBytes.getBit(bitmap, i);
        }
    }

    private static Validity validity(JsonCursor column, int count) throws InvalidJsonException {
        JsonCursor json = column.optional("VALIDITY");
        if (json == null) {
            return new Validity(null, 0);
        }
        JsonValue.Arr bits = json.array(count, "VALIDITY");
        int nulls = 0;
        boolean[] valid = new boolean[count];
        for (int i = 0; i < count; i++) {
            valid[i] = JsonScalars.bool(json, i, bits.get(i));
            if (!valid[i]) {
                nulls++;
            }
        }
        if (nulls == 0) {
            return new Validity(null, 0); // like Arrow C++: no bitmap when nothing is null
        }
        byte[] bitmap = new byte[HeapBytes.bitmapBytes(count)];
        for (int i = 0; i < count; i++) {
            if (valid[i]) {
                HeapBytes.setBit(bitmap, i);
            }
        }
        return new Validity(bitmap, nulls);
    }

    /** True for a placeholder that stands for "nothing" under a null slot. */
    private static boolean isEmptyPlaceholder(JsonValue v) {
        return v instanceof JsonValue.Null || v instanceof JsonValue.Obj o && o.members().isEmpty();
    }

    private static byte[] allocate(JsonCursor at, long count, long width) throws InvalidJsonException {
        long bytes = count * width; // count <= 2^31 and width <= 2^31: no overflow
        if (bytes > MAX_BUFFER_BYTES) {
            throw at.error("buffer of " + count + " x " + width + " bytes is too large");
        }
        return new byte[(int) bytes];
    }

    // ---- fixed width -----------------------------------------------------------------------

    private static HeapArray bools(JsonCursor column, DataType type, int count) throws InvalidJsonException {
        Validity validity = validity(column, count);
        JsonCursor json = column.member("DATA");
        JsonValue.Arr data = json.array(count, "DATA");
        byte[] bits = new byte[HeapBytes.bitmapBytes(count)];
        for (int i = 0; i < count; i++) {
            JsonValue v = data.get(i);
            if (!validity.isValid(i) && isEmptyPlaceholder(v)) {
                continue;
            }
            if (JsonScalars.bool(json, i, v)) {
                HeapBytes.setBit(bits, i);
            }
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), bits}, List.of(), null);
    }

    private static HeapArray integers(JsonCursor column, DataType type, int count, int width, boolean signed)
            throws InvalidJsonException {
        Validity validity = validity(column, count);
        byte[] values = integerValues(column.member("DATA"), count, width, signed, validity, "DATA");
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), values}, List.of(), null);
    }

    /** An array of {@code count} integers of {@code width} bytes, range-checked for the type. */
    private static byte[] integerValues(JsonCursor json, int count, int width, boolean signed, Validity validity,
            String what) throws InvalidJsonException {
        JsonValue.Arr data = json.array(count, what);
        long min = signed ? -(1L << (width * 8 - 1)) : 0;
        long max = width == 8 ? Long.MAX_VALUE : signed ? (1L << (width * 8 - 1)) - 1 : (1L << (width * 8)) - 1;
        boolean unsigned64 = !signed && width == 8;
        byte[] values = allocate(json, count, width);
        for (int i = 0; i < count; i++) {
            JsonValue v = data.get(i);
            if (validity != null && !validity.isValid(i) && isEmptyPlaceholder(v)) {
                continue;
            }
            long value = unsigned64 ? JsonScalars.unsigned64(json, i, v) : JsonScalars.integer(json, i, v, min, max);
            HeapBytes.putInteger(values, i, width, value);
        }
        return values;
    }

    private static HeapArray floats(JsonCursor column, DataType type, int count, Precision precision)
            throws InvalidJsonException {
        Validity validity = validity(column, count);
        JsonCursor json = column.member("DATA");
        JsonValue.Arr data = json.array(count, "DATA");
        byte[] values = allocate(json, count, precision.byteWidth());
        for (int i = 0; i < count; i++) {
            JsonValue v = data.get(i);
            if (!validity.isValid(i) && isEmptyPlaceholder(v)) {
                continue;
            }
            switch (precision) {
                case HALF -> HeapBytes.putShort(values, i * 2, Float.floatToFloat16(JsonScalars.float32(json, i, v)));
                case SINGLE -> HeapBytes.putFloat(values, i * 4, JsonScalars.float32(json, i, v));
                case DOUBLE -> HeapBytes.putDouble(values, i * 8, JsonScalars.float64(json, i, v));
            }
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), values}, List.of(), null);
    }

    private static HeapArray decimals(JsonCursor column, DataType type, int count, int bitWidth)
            throws InvalidJsonException {
        Validity validity = validity(column, count);
        JsonCursor json = column.member("DATA");
        JsonValue.Arr data = json.array(count, "DATA");
        int width = bitWidth / 8;
        byte[] values = allocate(json, count, width);
        for (int i = 0; i < count; i++) {
            JsonValue v = data.get(i);
            if (!validity.isValid(i) && isEmptyPlaceholder(v)) {
                continue;
            }
            BigInteger unscaled = JsonScalars.decimal(json, i, v, bitWidth);
            HeapBytes.putBigInteger(values, i * width, width, unscaled);
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), values}, List.of(), null);
    }

    private static HeapArray intervals(JsonCursor column, DataType type, int count, IntervalUnit unit)
            throws InvalidJsonException {
        if (unit == IntervalUnit.YEAR_MONTH) {
            return integers(column, type, count, 4, true);
        }
        Validity validity = validity(column, count);
        JsonCursor json = column.member("DATA");
        JsonValue.Arr data = json.array(count, "DATA");
        int width = unit.byteWidth();
        byte[] values = allocate(json, count, width);
        for (int i = 0; i < count; i++) {
            if (!validity.isValid(i) && isEmptyPlaceholder(data.get(i))) {
                continue;
            }
            JsonCursor value = json.element(i);
            if (unit == IntervalUnit.DAY_TIME) {
                HeapBytes.putInt(values, i * 8, value.member("days").intValue());
                HeapBytes.putInt(values, i * 8 + 4, value.member("milliseconds").intValue());
            } else {
                HeapBytes.putInt(values, i * 16, value.member("months").intValue());
                HeapBytes.putInt(values, i * 16 + 4, value.member("days").intValue());
                HeapBytes.putLong(values, i * 16 + 8,
                        JsonScalars.integer(value.member("nanoseconds"), Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), values}, List.of(), null);
    }

    private static HeapArray fixedSizeBinary(JsonCursor column, DataType type, int count, int byteWidth)
            throws InvalidJsonException {
        Validity validity = validity(column, count);
        JsonCursor json = column.member("DATA");
        JsonValue.Arr data = json.array(count, "DATA");
        byte[][] decoded = new byte[count][];
        for (int i = 0; i < count; i++) {
            JsonValue v = data.get(i);
            decoded[i] = !validity.isValid(i) && isEmptyPlaceholder(v) ? null : JsonScalars.hex(json, i, v, byteWidth);
        }
        // Every value was present at its full width, so this size is backed by the input.
        byte[] values = allocate(json, count, byteWidth);
        for (int i = 0; i < count; i++) {
            if (decoded[i] != null) {
                System.arraycopy(decoded[i], 0, values, i * byteWidth, byteWidth);
            }
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), values}, List.of(), null);
    }

    // ---- variable length -------------------------------------------------------------------

    /**
     * The OFFSET member of a binary or list column: count+1 offsets (an empty list is accepted
     * for an empty column), non-negative and non-decreasing.
     */
    private static long[] offsets(JsonCursor column, int count, boolean large) throws InvalidJsonException {
        JsonCursor json = column.member("OFFSET");
        JsonValue.Arr array = json.array();
        if (count == 0 && array.size() == 0) {
            return new long[1];
        }
        json.array(count + 1L, "OFFSET");
        long[] offsets = new long[count + 1];
        long max = large ? Long.MAX_VALUE : Integer.MAX_VALUE;
        for (int k = 0; k <= count; k++) {
            offsets[k] = JsonScalars.integer(json, k, array.get(k), 0, max);
            if (k > 0 && offsets[k] < offsets[k - 1]) {
                throw json.errorAt(k, "offset " + offsets[k] + " is less than the previous offset " + offsets[k - 1]);
            }
        }
        return offsets;
    }

    private static byte[] offsetBuffer(JsonCursor at, long[] offsets, long base, boolean large) throws InvalidJsonException {
        int width = large ? 8 : 4;
        byte[] buffer = allocate(at, offsets.length, width);
        for (int k = 0; k < offsets.length; k++) {
            HeapBytes.putInteger(buffer, k, width, offsets[k] - base);
        }
        return buffer;
    }

    private static HeapArray varBinary(JsonCursor column, DataType type, int count, boolean large, boolean utf8)
            throws InvalidJsonException {
        Validity validity = validity(column, count);
        long[] offsets = offsets(column, count, large);
        JsonCursor json = column.member("DATA");
        JsonValue.Arr data = json.array(count, "DATA");
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            long expected = offsets[i + 1] - offsets[i];
            JsonValue v = data.get(i);
            if (!validity.isValid(i) && v instanceof JsonValue.Null) {
                values[i] = new byte[0];
            } else if (utf8) {
                if (!(v instanceof JsonValue.Str s)) {
                    throw json.errorAt(i, "expected a string but found " + JsonCursor.describe(v));
                }
                values[i] = s.value().getBytes(StandardCharsets.UTF_8);
            } else {
                values[i] = JsonScalars.hex(json, i, v, -1);
            }
            if (values[i].length != expected) {
                throw json.errorAt(i, "value has " + values[i].length + " bytes but OFFSET gives it " + expected);
            }
        }
        // Offsets may start past 0 (a sliced array written as is): rebase them onto the values present.
        long total = offsets[count] - offsets[0];
        byte[] bytes = allocate(json, total, 1);
        int position = 0;
        for (byte[] value : values) {
            System.arraycopy(value, 0, bytes, position, value.length);
            position += value.length;
        }
        byte[] offsetBuffer = offsetBuffer(column, offsets, offsets[0], large);
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), offsetBuffer, bytes},
                List.of(), null);
    }

    /**
     * Binary and utf8 views. Each view is {@code {"SIZE", "INLINED"}} for up to 12 bytes, else
     * {@code {"SIZE", "PREFIX_HEX", "BUFFER_INDEX", "OFFSET"}} into VARIADIC_DATA_BUFFERS:
     *
     * <pre>
     * bytes 0-3   4-15
     *       size  inline data, zero padded                 (size &lt;= 12)
     *       size  prefix (4)  buffer index (4)  offset (4) (size &gt; 12)
     * </pre>
     */
    private static HeapArray views(JsonCursor column, DataType type, int count, boolean utf8) throws InvalidJsonException {
        Validity validity = validity(column, count);
        JsonCursor buffersJson = column.member("VARIADIC_DATA_BUFFERS");
        JsonValue.Arr buffersArray = buffersJson.array();
        byte[][] buffers = new byte[2 + buffersArray.size()][];
        for (int b = 0; b < buffersArray.size(); b++) {
            buffers[2 + b] = JsonScalars.hex(buffersJson, b, buffersArray.get(b), -1);
        }
        JsonCursor viewsJson = column.member("VIEWS");
        JsonValue.Arr viewsArray = viewsJson.array(count, "VIEWS");
        byte[] views = allocate(viewsJson, count, 16);
        for (int i = 0; i < count; i++) {
            if (!validity.isValid(i) && isEmptyPlaceholder(viewsArray.get(i))) {
                continue;
            }
            JsonCursor view = viewsJson.element(i);
            int size = view.member("SIZE").nonNegativeInt();
            HeapBytes.putInt(views, i * 16, size);
            if (size <= 12) {
                JsonCursor inlined = view.member("INLINED");
                byte[] bytes = utf8 ? inlined.string().getBytes(StandardCharsets.UTF_8) : JsonScalars.hex(inlined, -1);
                if (bytes.length != size) {
                    throw inlined.error("inlined value has " + bytes.length + " bytes but SIZE is " + size);
                }
                System.arraycopy(bytes, 0, views, i * 16 + 4, size);
            } else {
                byte[] prefix = JsonScalars.hex(view.member("PREFIX_HEX"), 4);
                int bufferIndex = (int) view.member("BUFFER_INDEX").integer(0, buffers.length - 3);
                int offset = view.member("OFFSET").nonNegativeInt();
                byte[] buffer = buffers[2 + bufferIndex];
                if ((long) offset + size > buffer.length) {
                    throw view.error("view of " + size + " bytes at offset " + offset + " is outside data buffer "
                            + bufferIndex + " of " + buffer.length + " bytes");
                }
                for (int k = 0; k < 4; k++) {
                    if (prefix[k] != buffer[offset + k]) {
                        throw view.errorAt("PREFIX_HEX", "prefix does not match the first bytes of the value");
                    }
                }
                System.arraycopy(prefix, 0, views, i * 16 + 4, 4);
                HeapBytes.putInt(views, i * 16 + 8, bufferIndex);
                HeapBytes.putInt(views, i * 16 + 12, offset);
            }
        }
        buffers[0] = validity.bitmap();
        buffers[1] = views;
        return new HeapArray(type, count, validity.nullCount(), buffers, List.of(), null);
    }

    // ---- nested ----------------------------------------------------------------------------

    /** The children member, which must hold one entry per child field (it may be absent when there are none). */
    private List<HeapArray> children(JsonCursor column, List<Field> fields) throws IOException {
        JsonCursor json = column.optional("children");
        if (json == null) {
            if (fields.isEmpty()) {
                return List.of();
            }
            throw column.error("missing member \"children\"");
        }
        json.array(fields.size(), "children");
        List<HeapArray> children = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            children.add(read(json.element(i), fields.get(i)));
        }
        return children;
    }

    private HeapArray list(JsonCursor column, DataType type, int count, boolean large, Field element)
            throws IOException {
        Validity validity = validity(column, count);
        long[] offsets = offsets(column, count, large);
        HeapArray child = children(column, List.of(element)).getFirst();
        if (offsets[count] > child.length()) {
            throw column.errorAt("OFFSET", "last offset " + offsets[count] + " is past the child's " + child.length()
                    + " values");
        }
        byte[] offsetBuffer = offsetBuffer(column, offsets, 0, large);
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), offsetBuffer},
                List.of(child), null);
    }

    private HeapArray listView(JsonCursor column, DataType type, int count, boolean large, Field element)
            throws IOException {
        Validity validity = validity(column, count);
        int width = large ? 8 : 4;
        long max = large ? Long.MAX_VALUE : Integer.MAX_VALUE;
        byte[] offsets = integerValues(column.member("OFFSET"), count, width, true, null, "OFFSET");
        byte[] sizes = integerValues(column.member("SIZE"), count, width, true, null, "SIZE");
        HeapArray child = children(column, List.of(element)).getFirst();
        for (int i = 0; i < count; i++) {
            long offset = HeapBytes.getInteger(offsets, i, width);
            long size = HeapBytes.getInteger(sizes, i, width);
            if (offset < 0 || size < 0 || offset > max - size || offset + size > child.length()) {
                throw column.errorAt("SIZE", "list view " + i + " (offset " + offset + ", size " + size
                        + ") is outside the child's " + child.length() + " values");
            }
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap(), offsets, sizes},
                List.of(child), null);
    }

    private HeapArray fixedSizeList(JsonCursor column, DataType type, int count, DataType.FixedSizeList list)
            throws IOException {
        Validity validity = validity(column, count);
        HeapArray child = children(column, List.of(list.element())).getFirst();
        long needed = (long) count * list.listSize();
        if (child.length() < needed) {
            throw column.errorAt("children", "child has " + child.length() + " values but " + count + " lists of "
                    + list.listSize() + " need " + needed);
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap()}, List.of(child), null);
    }

    private HeapArray struct(JsonCursor column, DataType type, int count, DataType.Struct struct) throws IOException {
        Validity validity = validity(column, count);
        List<HeapArray> children = children(column, struct.fields());
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).length() < count) {
                throw column.errorAt("children", "child " + i + " has " + children.get(i).length()
                        + " values but the struct has " + count);
            }
        }
        return new HeapArray(type, count, validity.nullCount(), new byte[][] {validity.bitmap()}, children, null);
    }

    private HeapArray union(JsonCursor column, DataType type, int count, DataType.Union union) throws IOException {
        // Unions lost their validity bitmap in Arrow 1.0; files from 0.x still carry an all-valid one.
        if (validity(column, count).nullCount() != 0) {
            throw column.errorAt("VALIDITY", "a union cannot have null slots of its own");
        }
        JsonCursor idsJson = column.member("TYPE_ID");
        JsonValue.Arr ids = idsJson.array(count, "TYPE_ID");
        byte[] typeIds = new byte[count];
        for (int i = 0; i < count; i++) {
            long id = JsonScalars.integer(idsJson, i, ids.get(i), 0, 127);
            if (union.childIndex((int) id) < 0) {
                throw idsJson.errorAt(i, "type id " + id + " is not one of " + union.typeIds());
            }
            typeIds[i] = (byte) id;
        }
        List<HeapArray> children = children(column, union.fields());
        if (union.mode() == UnionMode.SPARSE) {
            for (int c = 0; c < children.size(); c++) {
                if (children.get(c).length() < count) {
                    throw column.errorAt("children", "sparse union child " + c + " has " + children.get(c).length()
                            + " values but the union has " + count);
                }
            }
            return new HeapArray(type, count, 0, new byte[][] {typeIds}, children, null);
        }
        JsonCursor offsetsJson = column.member("OFFSET");
        byte[] offsets = integerValues(offsetsJson, count, 4, true, null, "OFFSET");
        for (int i = 0; i < count; i++) {
            int offset = HeapBytes.getInt(offsets, i * 4);
            int childLength = children.get(union.childIndex(typeIds[i])).length();
            if (offset < 0 || offset >= childLength) {
                throw offsetsJson.errorAt(i, "offset " + offset + " is outside child of type id " + typeIds[i]
                        + " with " + childLength + " values");
            }
        }
        return new HeapArray(type, count, 0, new byte[][] {typeIds, offsets}, children, null);
    }

    private HeapArray runEndEncoded(JsonCursor column, DataType type, int count, DataType.RunEndEncoded ree)
            throws IOException {
        List<HeapArray> children = children(column, List.of(ree.runEnds(), ree.values()));
        HeapArray runEnds = children.get(0);
        HeapArray values = children.get(1);
        JsonCursor at = column.member("children");
        if (runEnds.nullCount() != 0) {
            throw at.errorAt(0, "run ends cannot be null");
        }
        if (values.length() != runEnds.length()) {
            throw at.errorAt(1, "there are " + runEnds.length() + " run ends but " + values.length() + " values");
        }
        int width = ((DataType.Int) ree.runEnds().type()).byteWidth();
        long previous = 0;
        for (int r = 0; r < runEnds.length(); r++) {
            long end = HeapBytes.getInteger(runEnds.buffers()[1], r, width);
            if (end <= previous) {
                throw at.errorAt(0, "run end " + r + " (" + end + ") is not greater than " + previous);
            }
            previous = end;
        }
        if (count > 0 && previous < count) {
            throw at.errorAt(0, "the runs end at " + previous + " but the array has " + count + " values");
        }
        return new HeapArray(type, count, 0, new byte[0][], children, null);
    }

    private HeapArray dictionaryEncoded(JsonCursor column, Field field, DataType.Dictionary dictionaryType, int count)
            throws IOException {
        DataType.Int indexType = dictionaryType.indexType();
        Validity validity = validity(column, count);
        JsonCursor json = column.member("DATA");
        byte[] indices = integerValues(json, count, indexType.byteWidth(), indexType.signed(), validity, "DATA");
        LoadedDictionary dictionary = dictionaries.resolve(field.dictionaryId(), column);
        long size = dictionary.data().length();
        for (int i = 0; i < count; i++) {
            if (!validity.isValid(i)) {
                continue;
            }
            long index = HeapBytes.getInteger(indices, i, indexType.byteWidth());
            if (!indexType.signed() && indexType.bitWidth() < 64) {
                index &= (1L << indexType.bitWidth()) - 1;
            }
            if (index < 0 || index >= size) {
                throw json.errorAt(i, "index " + (indexType.signed() ? Long.toString(index) : Long.toUnsignedString(index))
                        + " is outside dictionary " + field.dictionaryId() + " of " + size + " values");
            }
        }
        used.add(dictionary);
        return new HeapArray(field.type(), count, validity.nullCount(), new byte[][] {validity.bitmap(), indices},
                List.of(), dictionary);
    }
}
