package dev.lightstream.ipc.internal;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.UnionMode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The content checks the readers run on every array they load (when
 * {@link dev.lightstream.ipc.IpcReadOptions#validateContents()} is on), after its buffer sizes
 * were checked: offsets monotonic and inside the data or child, list views inside the child,
 * binary views inside their data buffers, union type ids declared and dense offsets inside the
 * child, dictionary indices inside the dictionary, run ends positive, increasing and covering the
 * array. Children were checked before their parent.
 *
 * <p>This is THE hook for full structural validation: once {@code dev.lightstream.array.ArrayValidator}
 * exists (it is being written on another branch), {@link #check} delegates to it and these loops
 * go away.
 */
final class ContentChecks {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ContentChecks() {}

    /** Names the array being checked; called only to build an error message. */
    interface Location {
        String location();
    }

    /** Checks the contents of {@code data} (offset 0, sizes already checked); {@code location} names it. */
    static void check(ArrayData data, Location location) throws InvalidIpcException {
        try {
            checkContents(data);
        } catch (Problem p) {
            throw new InvalidIpcException(location.location() + ": " + p.getMessage());
        }
    }

    /** A content problem, given its location by {@link #check}; no stack trace needed. */
    private static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private static void checkContents(ArrayData data) throws Problem {
        DataType t = DictionaryIds.unwrap(data.type());
        int length = data.length();
        if (t instanceof DataType.Dictionary d) {
            checkIndices(data, d.indexType(), data.dictionary().length());
            return;
        }
        switch (t) {
            case DataType.Binary b -> offsets(data.buffer(1), length, false, data.buffer(2).byteSize(), "data bytes");
            case DataType.Utf8 b -> offsets(data.buffer(1), length, false, data.buffer(2).byteSize(), "data bytes");
            case DataType.LargeBinary b -> offsets(data.buffer(1), length, true, data.buffer(2).byteSize(), "data bytes");
            case DataType.LargeUtf8 b -> offsets(data.buffer(1), length, true, data.buffer(2).byteSize(), "data bytes");
            case DataType.List l -> offsets(data.buffer(1), length, false, data.child(0).length(), "child values");
            case DataType.Map m -> offsets(data.buffer(1), length, false, data.child(0).length(), "child values");
            case DataType.LargeList l -> offsets(data.buffer(1), length, true, data.child(0).length(), "child values");
            case DataType.ListView l -> listViews(data, false);
            case DataType.LargeListView l -> listViews(data, true);
            case DataType.BinaryView b -> views(data);
            case DataType.Utf8View b -> views(data);
            case DataType.Union u -> union(data, u);
            case DataType.RunEndEncoded r -> runEnds(data);
            default -> { }
        }
    }

    private static boolean valid(ArrayData data, int i) {
        MemorySegment validity = data.validity();
        return validity == null || Bitmaps.get(validity, (long) data.offset() + i);
    }

    private static long offset(MemorySegment offsets, boolean large, long i) {
        return large ? offsets.get(LONG, i * 8) : offsets.get(INT, i * 4);
    }

    private static void offsets(MemorySegment offsets, int length, boolean large, long limit, String what)
            throws Problem {
        if (length == 0) {
            return;
        }
        long previous = offset(offsets, large, 0);
        if (previous < 0) {
            throw new Problem("first offset " + previous + " is negative");
        }
        for (int i = 1; i <= length; i++) {
            long current = offset(offsets, large, i);
            if (current < previous) {
                throw new Problem("offset " + i + " (" + current + ") is less than offset "
                        + (i - 1) + " (" + previous + ")");
            }
            previous = current;
        }
        if (previous > limit) {
            throw new Problem("last offset " + previous + " exceeds the " + limit + " " + what);
        }
    }

    private static void listViews(ArrayData data, boolean large) throws Problem {
        MemorySegment offsets = data.buffer(1);
        MemorySegment sizes = data.buffer(2);
        long childLength = data.child(0).length();
        for (int i = 0; i < data.length(); i++) {
            if (!valid(data, i)) {
                continue;
            }
            long start = offset(offsets, large, i);
            long size = offset(sizes, large, i);
            if (start < 0 || size < 0 || start > childLength || size > childLength - start) {
                throw new Problem("list view " + i + " (offset=" + start + " size=" + size
                        + ") is outside the child of length " + childLength);
            }
        }
    }

    private static void views(ArrayData data) throws Problem {
        MemorySegment views = data.buffer(1);
        int dataBuffers = data.bufferCount() - 2;
        for (int i = 0; i < data.length(); i++) {
            if (!valid(data, i)) {
                continue;
            }
            long base = i * 16L;
            int length = views.get(INT, base);
            if (length < 0) {
                throw new Problem("view " + i + " has negative length " + length);
            }
            if (length > 12) {
                int buffer = views.get(INT, base + 8);
                long offset = Integer.toUnsignedLong(views.get(INT, base + 12));
                if (buffer < 0 || buffer >= dataBuffers) {
                    throw new Problem("view " + i + " points at data buffer " + buffer + " of "
                            + dataBuffers);
                }
                long size = data.buffer(2 + buffer).byteSize();
                if (offset > size || length > size - offset) {
                    throw new Problem("view " + i + " (buffer=" + buffer + " offset=" + offset
                            + " length=" + length + ") is outside its data buffer of " + size + " bytes");
                }
            }
        }
    }

    private static void union(ArrayData data, DataType.Union u) throws Problem {
        int[] childOf = new int[128];
        java.util.Arrays.fill(childOf, -1);
        for (int i = 0; i < u.typeIds().size(); i++) {
            childOf[u.typeIds().get(i)] = i;
        }
        MemorySegment typeIds = data.buffer(0);
        MemorySegment offsets = u.mode() == UnionMode.DENSE ? data.buffer(1) : null;
        for (int i = 0; i < data.length(); i++) {
            byte id = typeIds.get(ValueLayout.JAVA_BYTE, i);
            int child = id < 0 ? -1 : childOf[id];
            if (child < 0) {
                throw new Problem("union slot " + i + " has undeclared type id " + id
                        + " (declared: " + u.typeIds() + ")");
            }
            if (offsets != null) {
                int offset = offsets.get(INT, i * 4L);
                int childLength = data.child(child).length();
                if (offset < 0 || offset >= childLength) {
                    throw new Problem("union slot " + i + " has offset " + offset
                            + " outside child " + child + " of length " + childLength);
                }
            }
        }
    }

    private static void runEnds(ArrayData data) throws Problem {
        ArrayData runEnds = data.child(0);
        if (runEnds.nullCount() != 0) {
            throw new Problem("run ends contain " + runEnds.nullCount() + " nulls");
        }
        int width = ((DataType.Int) DictionaryIds.unwrap(runEnds.type())).byteWidth();
        MemorySegment ends = runEnds.buffer(1);
        long previous = 0;
        for (int i = 0; i < runEnds.length(); i++) {
            long end = switch (width) {
                case 2 -> ends.get(SHORT, i * 2L);
                case 4 -> ends.get(INT, i * 4L);
                default -> ends.get(LONG, i * 8L);
            };
            if (end <= previous) {
                throw new Problem("run end " + i + " (" + end + ") is not greater than "
                        + (i == 0 ? "0" : "run end " + (i - 1) + " (" + previous + ")"));
            }
            previous = end;
        }
        if (data.length() > 0 && previous < (long) data.offset() + data.length()) {
            throw new Problem("the last run ends at " + previous + " but the array has "
                    + data.length() + " values");
        }
    }

    private static void checkIndices(ArrayData data, DataType.Int indexType, int dictionaryLength)
            throws Problem {
        MemorySegment values = data.buffer(1);
        int width = indexType.byteWidth();
        boolean signed = indexType.signed();
        for (int i = 0; i < data.length(); i++) {
            if (!valid(data, i)) {
                continue;
            }
            long slot = (long) data.offset() + i;
            long index = switch (width) {
                case 1 -> signed ? values.get(ValueLayout.JAVA_BYTE, slot) : Byte.toUnsignedLong(values.get(ValueLayout.JAVA_BYTE, slot));
                case 2 -> signed ? values.get(SHORT, slot * 2) : Short.toUnsignedLong(values.get(SHORT, slot * 2));
                case 4 -> signed ? values.get(INT, slot * 4) : Integer.toUnsignedLong(values.get(INT, slot * 4));
                default -> values.get(LONG, slot * 8);
            };
            if (index < 0 || index >= dictionaryLength) {
                throw new Problem("dictionary index " + (width == 8 && !signed
                        ? Long.toUnsignedString(index) : Long.toString(index)) + " at slot " + i
                        + " is outside the dictionary of " + dictionaryLength + " values");
            }
        }
    }
}
