package dev.lightstream.integration;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Compares two arrays of one type slot by slot, by logical value: a null slot equals any null
 * slot whatever lies under it; floats are equal when their bits are (any NaN equals any NaN);
 * dictionary-encoded slots compare by the values they decode to; nested values compare element
 * by element. Reports the first difference inside a slot, with the path to it.
 */
final class ArrayComparator {
    private static final int MAX_RENDERED_BYTES = 24;

    private ArrayComparator() {}

    /**
     * A difference inside one slot.
     *
     * @param nullness true when one side is null and the other is not
     * @param path the path below the compared slot, such as {@code [2].name} (empty at the slot)
     * @param detail what differs, with both values
     */
    record Mismatch(boolean nullness, String path, String detail) {}

    /** The first difference between two whole arrays (type, length, then slots), or null. */
    static Mismatch firstDifference(ArrayData a, ArrayData b) {
        if (!a.type().equals(b.type())) {
            return new Mismatch(false, "", "type " + a.type() + " but " + b.type());
        }
        if (a.length() != b.length()) {
            return new Mismatch(false, "", "length " + a.length() + " but " + b.length());
        }
        for (int i = 0; i < a.length(); i++) {
            Mismatch m = compare(a, i, b, i, "[" + i + "]");
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** Compares slot {@code i} of {@code a} with slot {@code j} of {@code b}; both of {@code a}'s type. */
    static Mismatch compare(ArrayData a, long i, ArrayData b, long j, String path) {
        boolean aNull = Slots.isNull(a, i);
        boolean bNull = Slots.isNull(b, j);
        if (aNull || bNull) {
            return aNull == bNull ? null : new Mismatch(true, path, "expected " + render(a, i) + " but was " + render(b, j));
        }
        DataType type = Types.storage(a.type());
        return switch (type) {
            case DataType.Null n -> null;
            case DataType.Dictionary d -> compare(a.dictionary(), Slots.dictionaryIndex(a, i),
                    b.dictionary(), Slots.dictionaryIndex(b, j), path);
            case DataType.Union u -> {
                byte ta = Slots.unionTypeId(a, i);
                byte tb = Slots.unionTypeId(b, j);
                if (ta != tb) {
                    yield valueMismatch(a, i, b, j, path + " (type id " + ta + " but " + tb + ")");
                }
                int child = u.childIndex(ta);
                yield compare(a.child(child), Slots.unionChildPosition(a, i), b.child(child),
                        Slots.unionChildPosition(b, j), path + "." + u.fields().get(child).name());
            }
            case DataType.RunEndEncoded r -> compare(a.child(1), Slots.physicalRun(a, i), b.child(1),
                    Slots.physicalRun(b, j), path);
            case DataType.Bool bool -> Bitmaps.get(a.buffer(1), a.offset() + i) == Bitmaps.get(b.buffer(1), b.offset() + j)
                    ? null : valueMismatch(a, i, b, j, path);
            case DataType.FloatingPoint f -> sameFloat(f, a, i, b, j) ? null : valueMismatch(a, i, b, j, path);
            case DataType.List l -> list(a, i, b, j, path, false);
            case DataType.LargeList l -> list(a, i, b, j, path, true);
            case DataType.Map m -> list(a, i, b, j, path, false);
            case DataType.ListView l -> listView(a, i, b, j, path, false);
            case DataType.LargeListView l -> listView(a, i, b, j, path, true);
            case DataType.FixedSizeList f -> {
                long n = f.listSize();
                for (long k = 0; k < n; k++) {
                    Mismatch m = compare(a.child(0), (a.offset() + i) * n + k, b.child(0), (b.offset() + j) * n + k,
                            path + "[" + k + "]");
                    if (m != null) {
                        yield m;
                    }
                }
                yield null;
            }
            case DataType.Struct s -> {
                for (int c = 0; c < s.fields().size(); c++) {
                    Mismatch m = compare(a.child(c), a.offset() + i, b.child(c), b.offset() + j,
                            path + "." + s.fields().get(c).name());
                    if (m != null) {
                        yield m;
                    }
                }
                yield null;
            }
            default -> sameBytes(a, i, b, j) ? null : valueMismatch(a, i, b, j, path);
        };
    }

    private static Mismatch valueMismatch(ArrayData a, long i, ArrayData b, long j, String path) {
        return new Mismatch(false, path, "expected " + render(a, i) + " but was " + render(b, j));
    }

    /** Fixed-width and variable-length values: equal when their bytes are. */
    private static boolean sameBytes(ArrayData a, long i, ArrayData b, long j) {
        int width = fixedWidth(Types.values(a.type()));
        MemorySegment x = width > 0 ? Slots.fixedBytes(a, 1, i, width) : Slots.bytes(a, i);
        MemorySegment y = width > 0 ? Slots.fixedBytes(b, 1, j, width) : Slots.bytes(b, j);
        return x.byteSize() == y.byteSize() && x.mismatch(y) < 0;
    }

    /** Bytes per value of a fixed-width (non-bool) type, 0 for the others. */
    static int fixedWidth(DataType type) {
        return switch (type) {
            case DataType.Int t -> t.byteWidth();
            case DataType.FloatingPoint t -> t.precision().byteWidth();
            case DataType.Decimal t -> t.byteWidth();
            case DataType.Date t -> t.bitWidth() / 8;
            case DataType.Time t -> t.bitWidth() / 8;
            case DataType.Timestamp t -> 8;
            case DataType.Duration t -> 8;
            case DataType.Interval t -> t.unit().byteWidth();
            case DataType.FixedSizeBinary t -> t.byteWidth();
            default -> 0;
        };
    }

    private static boolean sameFloat(DataType.FloatingPoint type, ArrayData a, long i, ArrayData b, long j) {
        return switch (type.precision()) {
            case HALF -> {
                short x = (short) Slots.integer(a, 1, i, 2);
                short y = (short) Slots.integer(b, 1, j, 2);
                yield x == y || Float.isNaN(Float.float16ToFloat(x)) && Float.isNaN(Float.float16ToFloat(y));
            }
            case SINGLE -> {
                float x = Float.intBitsToFloat((int) Slots.integer(a, 1, i, 4));
                float y = Float.intBitsToFloat((int) Slots.integer(b, 1, j, 4));
                yield Float.floatToRawIntBits(x) == Float.floatToRawIntBits(y) || Float.isNaN(x) && Float.isNaN(y);
            }
            case DOUBLE -> {
                double x = Double.longBitsToDouble(Slots.integer(a, 1, i, 8));
                double y = Double.longBitsToDouble(Slots.integer(b, 1, j, 8));
                yield Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y) || Double.isNaN(x) && Double.isNaN(y);
            }
        };
    }

    private static Mismatch list(ArrayData a, long i, ArrayData b, long j, String path, boolean large) {
        long aStart = Slots.offset(a, i, large);
        long bStart = Slots.offset(b, j, large);
        long aLength = Slots.offset(a, i + 1, large) - aStart;
        long bLength = Slots.offset(b, j + 1, large) - bStart;
        return elements(a, aStart, aLength, b, bStart, bLength, path);
    }

    private static Mismatch listView(ArrayData a, long i, ArrayData b, long j, String path, boolean large) {
        int width = large ? 8 : 4;
        return elements(a, Slots.integer(a, 1, i, width), Slots.integer(a, 2, i, width),
                b, Slots.integer(b, 1, j, width), Slots.integer(b, 2, j, width), path);
    }

    private static Mismatch elements(ArrayData a, long aStart, long aLength, ArrayData b, long bStart, long bLength,
            String path) {
        if (aLength != bLength) {
            return new Mismatch(false, path, "expected a list of " + aLength + " elements but was one of " + bLength);
        }
        for (long k = 0; k < aLength; k++) {
            Mismatch m = compare(a.child(0), aStart + k, b.child(0), bStart + k, path + "[" + k + "]");
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** A short rendering of slot {@code pos} for reports. */
    static String render(ArrayData data, long pos) {
        if (Slots.isNull(data, pos)) {
            return "null";
        }
        DataType type = Types.storage(data.type());
        return switch (type) {
            case DataType.Dictionary d -> render(data.dictionary(), Slots.dictionaryIndex(data, pos));
            case DataType.Union u -> render(data.child(Slots.unionChild(data, pos)), Slots.unionChildPosition(data, pos));
            case DataType.RunEndEncoded r -> render(data.child(1), Slots.physicalRun(data, pos));
            case DataType.Bool b -> Boolean.toString(Bitmaps.get(data.buffer(1), data.offset() + pos));
            case DataType.Int t -> {
                long v = Slots.integer(data, 1, pos, t.byteWidth());
                yield t.signed() ? Long.toString(v)
                        : t.bitWidth() == 64 ? Long.toUnsignedString(v) : Long.toString(v & ((1L << t.bitWidth()) - 1));
            }
            case DataType.Date d -> Long.toString(Slots.integer(data, 1, pos, d.bitWidth() / 8));
            case DataType.Time t -> Long.toString(Slots.integer(data, 1, pos, t.bitWidth() / 8));
            case DataType.Timestamp t -> Long.toString(Slots.integer(data, 1, pos, 8));
            case DataType.Duration d -> Long.toString(Slots.integer(data, 1, pos, 8));
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> Float.toString(Float.float16ToFloat((short) Slots.integer(data, 1, pos, 2)));
                case SINGLE -> Float.toString(Float.intBitsToFloat((int) Slots.integer(data, 1, pos, 4)));
                case DOUBLE -> Double.toString(Double.longBitsToDouble(Slots.integer(data, 1, pos, 8)));
            };
            case DataType.Decimal d -> new BigDecimal(decimal(data, pos, d.byteWidth()), d.scale()).toPlainString();
            case DataType.Utf8 u -> quote(Slots.bytes(data, pos));
            case DataType.LargeUtf8 u -> quote(Slots.bytes(data, pos));
            case DataType.Utf8View u -> quote(Slots.bytes(data, pos));
            case DataType.List l -> "list";
            case DataType.LargeList l -> "list";
            case DataType.ListView l -> "list";
            case DataType.LargeListView l -> "list";
            case DataType.FixedSizeList l -> "list";
            case DataType.Map m -> "map";
            case DataType.Struct s -> "struct";
            default -> {
                int width = fixedWidth(type);
                yield "0x" + hex(width > 0 ? Slots.fixedBytes(data, 1, pos, width) : Slots.bytes(data, pos));
            }
        };
    }

    /** The unscaled value of a decimal slot. */
    static BigInteger decimal(ArrayData data, long pos, int width) {
        byte[] little = Slots.fixedBytes(data, 1, pos, width).toArray(ValueLayout.JAVA_BYTE);
        byte[] big = new byte[width];
        for (int k = 0; k < width; k++) {
            big[width - 1 - k] = little[k];
        }
        return new BigInteger(big);
    }

    private static String quote(MemorySegment bytes) {
        String s = new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        return "\"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
    }

    private static String hex(MemorySegment bytes) {
        long n = Math.min(bytes.byteSize(), MAX_RENDERED_BYTES);
        String hex = HexFormat.of().withUpperCase().formatHex(bytes.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        return n < bytes.byteSize() ? hex + "..." : hex;
    }
}
