package dev.lightstream.integration;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.UnionMode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads single slots of an {@link ArrayData} by logical position (the array's offset is added
 * here), for the comparator, the validator and the writer. Positions of children follow the
 * Arrow C data interface: the parent's offset carries over to the children of structs,
 * fixed-size lists, sparse unions and run-end encoded arrays.
 */
final class Slots {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Slots() {}

    /** True if the array's own validity bit for slot {@code pos} is set (or it has no bitmap). */
    static boolean validBit(ArrayData data, long pos) {
        MemorySegment validity = data.validity();
        return validity == null || Bitmaps.get(validity, data.offset() + pos);
    }

    /**
     * True if slot {@code pos} is null in the logical sense: always for the null type, through
     * the child for unions, through the values for run-end encoding, through index and value for
     * dictionaries, and by the validity bit otherwise.
     */
    static boolean isNull(ArrayData data, long pos) {
        DataType storage = Types.storage(data.type());
        return switch (storage) {
            case DataType.Null n -> true;
            case DataType.Dictionary d -> !validBit(data, pos) || isNull(data.dictionary(), dictionaryIndex(data, pos));
            case DataType.Union u -> {
                int child = unionChild(data, pos);
                yield isNull(data.child(child), unionChildPosition(data, pos));
            }
            case DataType.RunEndEncoded r -> isNull(data.child(1), physicalRun(data, pos));
            default -> !validBit(data, pos);
        };
    }

    /** A signed integer of {@code width} bytes at slot {@code pos} of buffer {@code buffer}. */
    static long integer(ArrayData data, int buffer, long pos, int width) {
        MemorySegment segment = data.buffer(buffer);
        long at = (data.offset() + pos) * width;
        return switch (width) {
            case 1 -> segment.get(ValueLayout.JAVA_BYTE, at);
            case 2 -> segment.get(SHORT, at);
            case 4 -> segment.get(INT, at);
            default -> segment.get(LONG, at);
        };
    }

    /** The bytes of slot {@code pos} of a fixed-width buffer. */
    static MemorySegment fixedBytes(ArrayData data, int buffer, long pos, int width) {
        return data.buffer(buffer).asSlice((data.offset() + pos) * width, width);
    }

    /** The dictionary index of slot {@code pos}, unsigned index types read as unsigned. */
    static int dictionaryIndex(ArrayData data, long pos) {
        DataType.Int indexType = Types.dictionary(data.type()).indexType();
        long index = integer(data, 1, pos, indexType.byteWidth());
        if (!indexType.signed() && indexType.bitWidth() < 64) {
            index &= (1L << indexType.bitWidth()) - 1;
        }
        return (int) index;
    }

    /** Start and end of slot {@code pos} of a binary or list array, from its offsets buffer. */
    static long offset(ArrayData data, long pos, boolean large) {
        return large ? data.buffer(1).get(LONG, (data.offset() + pos) * 8) : data.buffer(1).get(INT, (data.offset() + pos) * 4);
    }

    /** The bytes of slot {@code pos} of a binary, utf8, view or fixed-size binary array. */
    static MemorySegment bytes(ArrayData data, long pos) {
        DataType type = Types.values(data.type());
        return switch (type) {
            case DataType.Binary b -> varBytes(data, pos, false);
            case DataType.Utf8 u -> varBytes(data, pos, false);
            case DataType.LargeBinary b -> varBytes(data, pos, true);
            case DataType.LargeUtf8 u -> varBytes(data, pos, true);
            case DataType.FixedSizeBinary f -> fixedBytes(data, 1, pos, f.byteWidth());
            case DataType.BinaryView b -> viewBytes(data, pos);
            case DataType.Utf8View u -> viewBytes(data, pos);
            default -> throw new IllegalArgumentException(type + " has no byte values");
        };
    }

    private static MemorySegment varBytes(ArrayData data, long pos, boolean large) {
        long start = offset(data, pos, large);
        long end = offset(data, pos + 1, large);
        return data.buffer(2).asSlice(start, end - start);
    }

    private static MemorySegment viewBytes(ArrayData data, long pos) {
        MemorySegment views = data.buffer(1);
        long view = (data.offset() + pos) * 16;
        int length = views.get(INT, view);
        if (length <= 12) {
            return views.asSlice(view + 4, length);
        }
        int bufferIndex = views.get(INT, view + 8);
        long offset = Integer.toUnsignedLong(views.get(INT, view + 12));
        return data.buffer(2 + bufferIndex).asSlice(offset, length);
    }

    /** The child index (not the type id) of union slot {@code pos}. */
    static int unionChild(ArrayData data, long pos) {
        DataType.Union union = (DataType.Union) Types.storage(data.type());
        byte typeId = data.buffer(0).get(ValueLayout.JAVA_BYTE, data.offset() + pos);
        return union.childIndex(typeId);
    }

    static byte unionTypeId(ArrayData data, long pos) {
        return data.buffer(0).get(ValueLayout.JAVA_BYTE, data.offset() + pos);
    }

    /** The position in its child of union slot {@code pos}. */
    static long unionChildPosition(ArrayData data, long pos) {
        DataType.Union union = (DataType.Union) Types.storage(data.type());
        if (union.mode() == UnionMode.SPARSE) {
            return data.offset() + pos;
        }
        return data.buffer(1).get(INT, (data.offset() + pos) * 4);
    }

    /** The run-end value of run {@code run} of a run-end encoded array. */
    static long runEnd(ArrayData data, long run) {
        ArrayData runEnds = data.child(0);
        int width = ((DataType.Int) runEnds.type()).byteWidth();
        return integer(runEnds, 1, run, width);
    }

    /** The index of the run (and of its value) holding logical slot {@code pos}. */
    static int physicalRun(ArrayData data, long pos) {
        long logical = data.offset() + pos;
        int low = 0;
        int high = data.child(0).length() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (runEnd(data, mid) <= logical) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
