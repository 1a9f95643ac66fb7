package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.UnionMode;

/** The buffer and child counts of each type's layout, per the Arrow columnar format. */
final class Layouts {
    private Layouts() {}

    /** The type whose buffers an array of {@code type} has: extensions use their storage's. */
    static DataType physical(DataType type) {
        while (type instanceof DataType.Extension e) {
            type = e.storage();
        }
        if (type instanceof DataType.Dictionary d) {
            return d.indexType();
        }
        return type;
    }

    /** True if buffer 0 of the layout is a validity bitmap. */
    static boolean hasValidity(DataType type) {
        return switch (physical(type)) {
            case DataType.Null n -> false;
            case DataType.Union u -> false;
            case DataType.RunEndEncoded r -> false;
            default -> true;
        };
    }

    /** The number of fixed buffers (view types may add variadic data buffers after them). */
    static int fixedBufferCount(DataType type) {
        return switch (physical(type)) {
            case DataType.Null n -> 0;
            case DataType.RunEndEncoded r -> 0;
            case DataType.Struct s -> 1;
            case DataType.FixedSizeList f -> 1;
            case DataType.Binary b -> 3;
            case DataType.LargeBinary b -> 3;
            case DataType.Utf8 u -> 3;
            case DataType.LargeUtf8 u -> 3;
            case DataType.ListView l -> 3;
            case DataType.LargeListView l -> 3;
            case DataType.Union u -> u.mode() == UnionMode.SPARSE ? 1 : 2;
            default -> 2;
        };
    }

    static boolean isView(DataType type) {
        DataType p = physical(type);
        return p instanceof DataType.BinaryView || p instanceof DataType.Utf8View;
    }

    static void checkShape(ArrayData data) {
        DataType type = data.type();
        int fixed = fixedBufferCount(type);
        int buffers = data.bufferCount();
        if (isView(type) ? buffers < fixed : buffers != fixed) {
            throw new IllegalArgumentException(
                    type + " needs " + fixed + (isView(type) ? " or more" : "") + " buffers, got " + buffers);
        }
        for (int i = hasValidity(type) ? 1 : 0; i < buffers; i++) {
            if (data.buffer(i) == null) {
                throw new IllegalArgumentException(type + " buffer " + i + " is missing");
            }
        }
        int children = physical(type).children().size();
        if (data.children().size() != children) {
            throw new IllegalArgumentException(
                    type + " needs " + children + " children, got " + data.children().size());
        }
        boolean dictionaryEncoded = unwrapExtension(type) instanceof DataType.Dictionary;
        if (dictionaryEncoded != (data.dictionary() != null)) {
            throw new IllegalArgumentException(dictionaryEncoded
                    ? type + " needs a dictionary"
                    : type + " cannot have a dictionary");
        }
    }

    static DataType unwrapExtension(DataType type) {
        while (type instanceof DataType.Extension e) {
            type = e.storage();
        }
        return type;
    }

    /**
     * Bytes per value of the values buffer of a fixed-width type, or 0 when the values are not
     * fixed-width bytes (bool is bit-packed and reports 0 too).
     */
    static int byteWidth(DataType type) {
        return switch (physical(type)) {
            case DataType.Int i -> i.byteWidth();
            case DataType.FloatingPoint f -> f.precision().byteWidth();
            case DataType.Decimal d -> d.byteWidth();
            case DataType.Date d -> d.bitWidth() / 8;
            case DataType.Time t -> t.bitWidth() / 8;
            case DataType.Timestamp t -> 8;
            case DataType.Duration d -> 8;
            case DataType.Interval i -> i.unit().byteWidth();
            case DataType.FixedSizeBinary f -> f.byteWidth();
            default -> 0;
        };
    }

    /**
     * True if {@code type} itself (not an extension or dictionary over it) is stored as integers of
     * {@code bitWidth} bits: ints, dates, times, timestamps and durations.
     */
    static boolean isPrimitiveInteger(DataType type, int bitWidth) {
        return switch (type) {
            case DataType.Int i -> i.bitWidth() == bitWidth;
            case DataType.Date d -> d.bitWidth() == bitWidth;
            case DataType.Time t -> t.bitWidth() == bitWidth;
            case DataType.Timestamp t -> bitWidth == 64;
            case DataType.Duration d -> bitWidth == 64;
            default -> false;
        };
    }
}
