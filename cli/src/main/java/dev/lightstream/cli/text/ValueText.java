package dev.lightstream.cli.text;

import dev.lightstream.array.Array;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BinaryViewArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.ExtensionArray;
import dev.lightstream.array.FixedSizeBinaryArray;
import dev.lightstream.array.FixedSizeListArray;
import dev.lightstream.array.Float16Array;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int16Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.Int8Array;
import dev.lightstream.array.IntervalArray;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.ListViewArray;
import dev.lightstream.array.MapArray;
import dev.lightstream.array.NullArray;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.array.StructArray;
import dev.lightstream.array.UnionArray;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of one array slot for people: what {@code lightstream cat} shows in a cell.
 *
 * <ul>
 *   <li>Nulls are {@code null}; numbers as Java prints them, unsigned integers unsigned,
 *       decimals in plain notation ({@code 12.50}).</li>
 *   <li>Dates {@code 2024-03-01}; times {@code 13:45:00.250}; timestamps
 *       {@code 2024-03-01 13:45:00.250000} (with the zone's offset, {@code Z} for UTC, when the type
 *       has a timezone), with the digits of their unit; durations and intervals in ISO 8601
 *       ({@code PT1H30M}, {@code P1Y2M}, {@code P3DT0.5S}). Values outside the calendar fall back to
 *       the number and its unit.</li>
 *   <li>Text as it is, with control characters escaped; binary as hex ({@code 0x0aff}).</li>
 *   <li>Nested values as compact JSON-like text: {@code [1, 2, null]},
 *       {@code {"x": 1.5, "name": "a"}}, maps as {@code {"key": value}}; text inside them quoted.
 *       Dictionary, run-end encoded, union and extension slots show the value they stand for.</li>
 * </ul>
 *
 * <p>Output is bounded: a slot renders at most {@code maxChars} code points, ending with
 * {@code …} when cut, and no more of a long string or a large list is read than that needs.
 *
 * {@snippet :
 * ValueText text = new ValueText(40);
 * String cell = text.format(batch.column(2), row);
 * }
 */
public final class ValueText {
    /** The character that marks a cut value. */
    public static final String ELLIPSIS = "\u2026";

    private final int maxChars;
    private final StringBuilder sb = new StringBuilder();

    /**
     * @param maxChars the most code points of a rendered value, at least 1
     */
    public ValueText(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars=" + maxChars + " must be positive");
        }
        this.maxChars = maxChars;
    }

    /** Slot {@code index} of {@code array}, at most {@code maxChars} code points. */
    public String format(Array array, int index) {
        sb.setLength(0);
        value(array, index, false);
        return cut(sb, maxChars);
    }

    /** {@code text} cut to {@code max} code points, the last one an ellipsis when it was longer. */
    public static String cut(CharSequence text, int max) {
        int length = text.length();
        if (length <= max) {
            return text.toString();
        }
        String s = text.toString();
        if (s.codePointCount(0, length) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max - 1);
        return s.substring(0, end) + ELLIPSIS;
    }

    /** True once enough text exists to fill the cell: callers stop rendering. */
    private boolean full() {
        return sb.length() > maxChars;
    }

    private void value(Array array, int index, boolean nested) {
        if (full()) {
            return;
        }
        if (array.isNull(index)) {
            sb.append("null");
            return;
        }
        switch (array) {
            case NullArray n -> sb.append("null");
            case ExtensionArray e -> value(e.storage(), index, nested);
            case DictionaryArray d -> value(d.dictionary(), Math.toIntExact(d.index(index)), nested);
            case RunEndEncodedArray r -> value(r.values(), r.physicalIndex(index), nested);
            case UnionArray u -> value(u.child(u.childIndex(index)), u.valueOffset(index), nested);
            case BooleanArray b -> sb.append(b.get(index));
            case Int8Array a -> sb.append(signed(a) ? a.get(index) : a.getUnsigned(index));
            case Int16Array a -> sb.append(signed(a) ? a.get(index) : a.getUnsigned(index));
            case Int32Array a -> int32(a, index);
            case Int64Array a -> int64(a, index);
            case Float16Array a -> sb.append(a.getFloat(index));
            case Float32Array a -> sb.append(a.get(index));
            case Float64Array a -> sb.append(a.get(index));
            case DecimalArray a -> sb.append(a.get(index).toPlainString());
            case IntervalArray a -> sb.append(Temporal.interval(a, index));
            case FixedSizeBinaryArray a -> hex(a.getSegment(index));
            case BinaryArray a -> bytes(a.getSegment(index), a.isUtf8(), nested);
            case BinaryViewArray a -> bytes(a.getSegment(index), a.isUtf8(), nested);
            case ListArray a -> list(a.value(index));
            case ListViewArray a -> list(a.value(index));
            case FixedSizeListArray a -> list(a.value(index));
            case MapArray m -> map(m, index);
            case StructArray s -> struct(s, index);
        }
    }

    private static boolean signed(Array array) {
        return !(array.type() instanceof DataType.Int i) || i.signed();
    }

    private void int32(Int32Array a, int index) {
        int v = a.get(index);
        switch (a.type()) {
            case DataType.Date d -> sb.append(Temporal.date32(v));
            case DataType.Time t -> sb.append(Temporal.time(v, t.unit()));
            case DataType.Int i when !i.signed() -> sb.append(a.getUnsigned(index));
            default -> sb.append(v);
        }
    }

    private void int64(Int64Array a, int index) {
        long v = a.get(index);
        switch (a.type()) {
            case DataType.Date d -> sb.append(Temporal.date64(v));
            case DataType.Time t -> sb.append(Temporal.time(v, t.unit()));
            case DataType.Timestamp t -> sb.append(Temporal.timestamp(v, t.unit(), t.timezone()));
            case DataType.Duration d -> sb.append(Temporal.duration(v, d.unit()));
            case DataType.Int i when !i.signed() -> sb.append(Long.toUnsignedString(v));
            default -> sb.append(v);
        }
    }

    private void bytes(MemorySegment bytes, boolean utf8, boolean nested) {
        if (!utf8) {
            hex(bytes);
            return;
        }
        // Decode no more than the cell can show: a code point takes at most 4 bytes.
        long room = 4L * (maxChars - sb.length() + 2);
        boolean cut = bytes.byteSize() > room;
        MemorySegment shown = cut ? bytes.asSlice(0, room) : bytes;
        String s = new String(shown.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        if (nested) {
            sb.append('"');
        }
        escape(s, nested);
        if (nested && !cut) {
            sb.append('"');
        }
    }

    private void escape(String s, boolean quoted) {
        for (int i = 0; i < s.length() && !full(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append(quoted ? "\\\"" : "\"");
                case '\\' -> sb.append(quoted ? "\\\\" : "\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private void hex(MemorySegment bytes) {
        sb.append("0x");
        long n = bytes.byteSize();
        for (long i = 0; i < n && !full(); i++) {
            byte b = bytes.get(ValueLayout.JAVA_BYTE, i);
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
    }

    private void list(Array elements) {
        sb.append('[');
        for (int i = 0; i < elements.length() && !full(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            value(elements, i, true);
        }
        sb.append(']');
    }

    private void map(MapArray m, int index) {
        sb.append('{');
        Array keys = m.keys();
        Array items = m.items();
        for (int i = m.valueStart(index); i < m.valueEnd(index) && !full(); i++) {
            if (i > m.valueStart(index)) {
                sb.append(", ");
            }
            value(keys, i, true);
            sb.append(": ");
            value(items, i, true);
        }
        sb.append('}');
    }

    private void struct(StructArray s, int index) {
        List<Field> fields = s.type() instanceof DataType.Struct t ? t.fields() : List.of();
        sb.append('{');
        for (int i = 0; i < s.fieldCount() && !full(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"');
            escape(i < fields.size() ? fields.get(i).name() : "", true);
            sb.append("\": ");
            value(s.field(i), index, true);
        }
        sb.append('}');
    }
}
