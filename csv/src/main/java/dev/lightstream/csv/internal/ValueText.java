package dev.lightstream.csv.internal;

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
import dev.lightstream.csv.BinaryEncoding;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.TimeUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The text of a value of any Arrow type, as the CSV writer puts it in a field: numbers as Java
 * prints them (shortest round-tripping form for floats), decimals in plain notation, ISO-8601 dates,
 * times and timestamps (with {@code Z} when the type has a time zone: the value is a UTC instant),
 * binaries in hex or Base64, {@code arrow.uuid} in its canonical form, and nested values (lists,
 * structs, maps, unions, intervals) as JSON text.
 */
final class ValueText {
    private static final HexFormat HEX = HexFormat.of();

    private final BinaryEncoding binary;

    ValueText(BinaryEncoding binary) {
        this.binary = binary;
    }

    /** Appends the text of non-null slot {@code i} of {@code array}. */
    void append(ByteSink out, Array array, int i) {
        switch (array) {
            case BooleanArray a -> out.append(a.get(i) ? "true" : "false");
            case Int8Array a -> out.append(signed(a) ? a.get(i) : a.getUnsigned(i));
            case Int16Array a -> out.append(signed(a) ? a.get(i) : a.getUnsigned(i));
            case Int32Array a -> int32(out, a, i);
            case Int64Array a -> int64(out, a, i);
            case Float16Array a -> out.append(Float.toString(a.getFloat(i)));
            case Float32Array a -> out.append(Float.toString(a.get(i)));
            case Float64Array a -> out.append(Double.toString(a.get(i)));
            case DecimalArray a -> out.append(a.get(i).toPlainString());
            case BinaryArray a when a.isUtf8() -> out.append(a.getSegment(i));
            case BinaryArray a -> bytes(out, a.getBytes(i));
            case BinaryViewArray a when a.isUtf8() -> out.append(a.getSegment(i));
            case BinaryViewArray a -> bytes(out, a.getBytes(i));
            case FixedSizeBinaryArray a -> bytes(out, a.getBytes(i));
            case DictionaryArray a -> append(out, a.dictionary(), Math.toIntExact(a.index(i)));
            case RunEndEncodedArray a -> append(out, a.values(), a.physicalIndex(i));
            case ExtensionArray a when isUuid(a.type()) -> uuid(out, ((FixedSizeBinaryArray) a.storage()).getBytes(i));
            case ExtensionArray a -> append(out, a.storage(), i);
            case NullArray a -> { }
            default -> json(out, array, i);
        }
    }

    static boolean isUuid(DataType type) {
        return type instanceof DataType.Extension e && e.name().equals("arrow.uuid")
                && e.storage().equals(DataType.fixedSizeBinary(16));
    }

    private static boolean signed(Array a) {
        return !(a.type() instanceof DataType.Int t) || t.signed();
    }

    private static void int32(ByteSink out, Int32Array a, int i) {
        switch (a.type()) {
            case DataType.Date d -> date(out, a.get(i));
            case DataType.Time t -> time(out, a.get(i), t.unit());
            case DataType.Int t when !t.signed() -> out.append(a.getUnsigned(i));
            default -> out.append(a.get(i));
        }
    }

    private static void int64(ByteSink out, Int64Array a, int i) {
        long v = a.get(i);
        switch (a.type()) {
            case DataType.Date d -> date(out, Math.floorDiv(v, 86_400_000L));
            case DataType.Time t -> time(out, v, t.unit());
            case DataType.Timestamp t -> timestamp(out, v, t.unit(), t.timezone() != null);
            case DataType.Int t when !t.signed() -> out.append(Long.toUnsignedString(v));
            default -> out.append(v);
        }
    }

    /** YYYY-MM-DD of a day since the epoch, years past 9999 or before 0 with a sign. */
    static void date(ByteSink out, long epochDay) {
        // civil-from-days (proleptic Gregorian), valid for every long day count a timestamp yields
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long year = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        if (month <= 2) {
            year++;
        }
        if (year < 0) {
            out.append((byte) '-');
            year = -year;
        } else if (year > 9999) {
            out.append((byte) '+');
        }
        if (year > 9999) {
            out.append(year);
        } else {
            out.appendPadded(year, 4);
        }
        out.append((byte) '-').appendPadded(month, 2).append((byte) '-').appendPadded(day, 2);
    }

    /** HH:MM:SS with the fraction digits of the unit. */
    static void time(ByteSink out, long value, TimeUnit unit) {
        long perSecond = unit.perSecond();
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        long secondOfDay = Math.floorMod(seconds, 86_400L);
        out.appendPadded(secondOfDay / 3600, 2).append((byte) ':').appendPadded(secondOfDay / 60 % 60, 2)
                .append((byte) ':').appendPadded(secondOfDay % 60, 2);
        fraction(out, fraction, unit);
    }

    private static void fraction(ByteSink out, long fraction, TimeUnit unit) {
        switch (unit) {
            case SECOND -> { }
            case MILLISECOND -> out.append((byte) '.').appendPadded(fraction, 3);
            case MICROSECOND -> out.append((byte) '.').appendPadded(fraction, 6);
            case NANOSECOND -> out.append((byte) '.').appendPadded(fraction, 9);
        }
    }

    /** YYYY-MM-DDTHH:MM:SS[.fraction][Z]. */
    static void timestamp(ByteSink out, long value, TimeUnit unit, boolean utc) {
        long perSecond = unit.perSecond();
        long seconds = Math.floorDiv(value, perSecond);
        long fraction = Math.floorMod(value, perSecond);
        date(out, Math.floorDiv(seconds, 86_400L));
        out.append((byte) 'T');
        long secondOfDay = Math.floorMod(seconds, 86_400L);
        out.appendPadded(secondOfDay / 3600, 2).append((byte) ':').appendPadded(secondOfDay / 60 % 60, 2)
                .append((byte) ':').appendPadded(secondOfDay % 60, 2);
        fraction(out, fraction, unit);
        if (utc) {
            out.append((byte) 'Z');
        }
    }

    private void bytes(ByteSink out, byte[] b) {
        out.append(binary == BinaryEncoding.HEX ? HEX.formatHex(b) : Base64.getEncoder().encodeToString(b));
    }

    private static void uuid(ByteSink out, byte[] b) {
        String hex = HEX.formatHex(b);
        out.append(hex.substring(0, 8)).append((byte) '-').append(hex.substring(8, 12)).append((byte) '-')
                .append(hex.substring(12, 16)).append((byte) '-').append(hex.substring(16, 20)).append((byte) '-')
                .append(hex.substring(20));
    }

    // ---- JSON for nested values ------------------------------------------------------------------

    /** Appends slot {@code i} (null or not) as JSON. */
    void json(ByteSink out, Array array, int i) {
        if (array.isNull(i)) {
            out.append("null");
            return;
        }
        switch (array) {
            case BooleanArray a -> out.append(a.get(i) ? "true" : "false");
            case Int8Array a -> append(out, a, i);
            case Int16Array a -> append(out, a, i);
            case Int32Array a when a.type() instanceof DataType.Int -> append(out, a, i);
            case Int64Array a when a.type() instanceof DataType.Int || a.type() instanceof DataType.Duration ->
                    append(out, a, i);
            case Float16Array a -> jsonNumber(out, a.getFloat(i));
            case Float32Array a -> jsonNumber(out, a.get(i));
            case Float64Array a -> jsonNumber(out, a.get(i));
            case DecimalArray a -> append(out, a, i);
            case ListArray a -> jsonList(out, a.values(), a.valueStart(i), a.valueEnd(i));
            case ListViewArray a -> jsonList(out, a.values(), a.valueStart(i), a.valueStart(i) + a.valueLength(i));
            case FixedSizeListArray a -> {
                long start = ((long) a.data().offset() + i) * a.listSize();
                jsonList(out, a.values(), start, start + a.listSize());
            }
            case StructArray a -> {
                out.append((byte) '{');
                java.util.List<Field> fields = a.type() instanceof DataType.Struct s ? s.fields() : java.util.List.of();
                for (int f = 0; f < a.fieldCount(); f++) {
                    if (f > 0) {
                        out.append((byte) ',');
                    }
                    jsonString(out, fields.get(f).name());
                    out.append((byte) ':');
                    json(out, a.field(f), i);
                }
                out.append((byte) '}');
            }
            case MapArray a -> {
                out.append((byte) '{');
                ByteSink key = new ByteSink();
                for (int k = a.valueStart(i); k < a.valueEnd(i); k++) {
                    if (k > a.valueStart(i)) {
                        out.append((byte) ',');
                    }
                    key.clear();
                    append(key, a.keys(), k);
                    jsonString(out, new String(key.bytes, 0, key.size, java.nio.charset.StandardCharsets.UTF_8));
                    out.append((byte) ':');
                    json(out, a.items(), k);
                }
                out.append((byte) '}');
            }
            case UnionArray a -> json(out, a.child(a.childIndex(i)), a.type() instanceof DataType.Union u
                    && u.mode() == dev.lightstream.schema.UnionMode.DENSE ? a.valueOffset(i) : i);
            case DictionaryArray a -> json(out, a.dictionary(), Math.toIntExact(a.index(i)));
            case RunEndEncodedArray a -> json(out, a.values(), a.physicalIndex(i));
            case ExtensionArray a when !isUuid(a.type()) -> json(out, a.storage(), i);
            case IntervalArray a -> {
                out.append("{\"months\":").append(a.getMonths(i)).append(",\"days\":").append(a.getDays(i));
                long nanos = a.unit() == dev.lightstream.schema.IntervalUnit.DAY_TIME ? a.getMillis(i) * 1_000_000L
                        : a.getNanos(i);
                out.append(",\"nanoseconds\":").append(nanos).append((byte) '}');
            }
            default -> {
                ByteSink text = new ByteSink();
                append(text, array, i);
                jsonString(out, new String(text.bytes, 0, text.size, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private void jsonList(ByteSink out, Array values, long start, long end) {
        out.append((byte) '[');
        for (long k = start; k < end; k++) {
            if (k > start) {
                out.append((byte) ',');
            }
            json(out, values, Math.toIntExact(k));
        }
        out.append((byte) ']');
    }

    private static void jsonNumber(ByteSink out, double v) {
        if (Double.isFinite(v)) {
            out.append(Double.toString(v));
        } else {
            jsonString(out, Double.toString(v)); // JSON has no NaN or infinities
        }
    }

    private static void jsonNumber(ByteSink out, float v) {
        if (Float.isFinite(v)) {
            out.append(Float.toString(v));
        } else {
            jsonString(out, Float.toString(v));
        }
    }

    static void jsonString(ByteSink out, String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        out.append(sb.append('"').toString());
    }
}
