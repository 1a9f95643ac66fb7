package dev.lightstream.ipc.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.UnionMode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Concatenates arrays of one type, for every layout, copying into new 64-byte-aligned blocks:
 * what a delta dictionary batch needs (the old dictionary followed by the delta).
 *
 * <p>Inputs may be sliced; the result has offset 0. Only the ranges the inputs reference are
 * copied (the child range of a list, the runs covering a run-end encoded slice); list views and
 * dense unions keep their children whole, since their offsets may point anywhere in them. A
 * dictionary-encoded result takes the dictionary of the last input.
 *
 * {@snippet :
 * List<MemoryBlock> blocks = new ArrayList<>();
 * ArrayData both = ArrayConcat.concat(List.of(old, delta), allocator, blocks); // blocks now own the copy
 * }
 */
public final class ArrayConcat {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final BufferAllocator allocator;
    private final List<MemoryBlock> blocks;
    /** Copies of the dictionaries met, by identity, when dictionaries are copied too; else null. */
    private final Map<ArrayData, ArrayData> dictionaryCopies;

    private ArrayConcat(BufferAllocator allocator, List<MemoryBlock> blocks, boolean copyDictionaries) {
        this.allocator = allocator;
        this.blocks = blocks;
        this.dictionaryCopies = copyDictionaries ? new IdentityHashMap<>() : null;
    }

    /**
     * A copy of {@code data} that shares no memory with it, dictionaries included (at any depth;
     * a dictionary met several times is copied once). Every block allocated is added to
     * {@code blocks}.
     *
     * @throws dev.lightstream.memory.AllocationLimitException if the allocator refuses
     */
    public static ArrayData deepCopy(ArrayData data, BufferAllocator allocator, List<MemoryBlock> blocks) {
        return new ArrayConcat(allocator, blocks, true).concat(List.of(data));
    }

    /**
     * The concatenation of {@code parts}, all of the same type. Every block allocated is added to
     * {@code blocks}, which then owns one reference to it.
     *
     * @throws IllegalArgumentException if the parts have different types or the result would have
     *     more than {@link Integer#MAX_VALUE} values
     * @throws dev.lightstream.memory.AllocationLimitException if the allocator refuses
     */
    public static ArrayData concat(List<ArrayData> parts, BufferAllocator allocator, List<MemoryBlock> blocks) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        DataType type = parts.getFirst().type();
        for (ArrayData part : parts) {
            if (!part.type().equals(type)) {
                throw new IllegalArgumentException("cannot concatenate " + type + " and " + part.type());
            }
        }
        return new ArrayConcat(allocator, blocks, false).concat(parts);
    }

    private MemorySegment allocate(long bytes) {
        MemoryBlock block = allocator.allocate(Math.max(bytes, 1));
        blocks.add(block);
        return block.segment().asSlice(0, bytes);
    }

    private static int total(List<ArrayData> parts) {
        long total = 0;
        for (ArrayData p : parts) {
            total += p.length();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("concatenation of " + total + " values exceeds " + Integer.MAX_VALUE);
        }
        return (int) total;
    }

    private ArrayData concat(List<ArrayData> parts) {
        ArrayData first = parts.getFirst();
        DataType type = first.type();
        DataType t = DictionaryIds.unwrap(type);
        ArrayData dictionary = null;
        if (t instanceof DataType.Dictionary d) {
            dictionary = parts.getLast().dictionary();
            if (dictionaryCopies != null) {
                ArrayData original = dictionary;
                dictionary = dictionaryCopies.get(original);
                if (dictionary == null) {
                    dictionary = concat(List.of(original));
                    dictionaryCopies.put(original, dictionary);
                }
            }
            t = d.indexType();
        }
        int length = total(parts);
        MemorySegment[] buffers;
        List<ArrayData> children = List.of();
        int nullCount = ArrayData.UNKNOWN_NULL_COUNT;
        switch (t) {
            case DataType.Null n -> {
                buffers = new MemorySegment[0];
                nullCount = length;
            }
            case DataType.Bool b -> buffers = new MemorySegment[] {validity(parts, length), bits(parts, length)};
            case DataType.Binary b -> buffers = binary(parts, length, 4);
            case DataType.Utf8 b -> buffers = binary(parts, length, 4);
            case DataType.LargeBinary b -> buffers = binary(parts, length, 8);
            case DataType.LargeUtf8 b -> buffers = binary(parts, length, 8);
            case DataType.BinaryView b -> buffers = views(parts, length);
            case DataType.Utf8View b -> buffers = views(parts, length);
            case DataType.List l -> {
                buffers = new MemorySegment[] {validity(parts, length), null};
                children = List.of(listChildren(parts, length, 4, buffers));
            }
            case DataType.Map m -> {
                buffers = new MemorySegment[] {validity(parts, length), null};
                children = List.of(listChildren(parts, length, 4, buffers));
            }
            case DataType.LargeList l -> {
                buffers = new MemorySegment[] {validity(parts, length), null};
                children = List.of(listChildren(parts, length, 8, buffers));
            }
            case DataType.ListView l -> {
                buffers = new MemorySegment[] {validity(parts, length), null, null};
                children = List.of(listViews(parts, length, 4, buffers));
            }
            case DataType.LargeListView l -> {
                buffers = new MemorySegment[] {validity(parts, length), null, null};
                children = List.of(listViews(parts, length, 8, buffers));
            }
            case DataType.FixedSizeList l -> {
                buffers = new MemorySegment[] {validity(parts, length)};
                List<ArrayData> slices = new ArrayList<>();
                for (ArrayData p : parts) {
                    ArrayData child = p.child(0);
                    slices.add(child.slice(Math.toIntExact((long) p.offset() * l.listSize()),
                            Math.toIntExact((long) p.length() * l.listSize())));
                }
                children = List.of(concat(slices));
            }
            case DataType.Struct s -> {
                buffers = new MemorySegment[] {validity(parts, length)};
                children = alignedChildren(parts, s.fields().size());
            }
            case DataType.Union u -> {
                nullCount = 0;
                MemorySegment typeIds = bytes(parts, length, 1, 0);
                if (u.mode() == UnionMode.SPARSE) {
                    buffers = new MemorySegment[] {typeIds};
                    children = alignedChildren(parts, u.fields().size());
                } else {
                    buffers = new MemorySegment[] {typeIds, null};
                    children = denseUnion(parts, u, length, buffers);
                }
            }
            case DataType.RunEndEncoded r -> {
                nullCount = 0;
                buffers = new MemorySegment[0];
                children = runEndEncoded(parts, r);
            }
            default -> {
                int width = FixedWidths.byteWidth(t);
                buffers = new MemorySegment[] {validity(parts, length), bytes(parts, length, width, 1)};
            }
        }
        return new ArrayData(type, length, 0, nullCount, buffers, children, dictionary);
    }

    /** Child {@code k} of each part, sliced to the part's rows (struct, sparse union). */
    private List<ArrayData> alignedChildren(List<ArrayData> parts, int count) {
        List<ArrayData> children = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            List<ArrayData> slices = new ArrayList<>(parts.size());
            for (ArrayData p : parts) {
                slices.add(p.child(k).slice(p.offset(), p.length()));
            }
            children.add(concat(slices));
        }
        return children;
    }

    private MemorySegment validity(List<ArrayData> parts, int length) {
        boolean any = false;
        for (ArrayData p : parts) {
            any |= p.validity() != null && p.nullCount() > 0;
        }
        if (!any) {
            return null;
        }
        MemorySegment bitmap = allocate((length + 7L) >>> 3);
        long position = 0;
        for (ArrayData p : parts) {
            MemorySegment v = p.validity();
            if (v == null) {
                for (int i = 0; i < p.length(); i++) {
                    Bitmaps.set(bitmap, position + i, true);
                }
            } else {
                Bitmaps.copy(v, p.offset(), bitmap, position, p.length());
            }
            position += p.length();
        }
        return bitmap;
    }

    private MemorySegment bits(List<ArrayData> parts, int length) {
        MemorySegment bitmap = allocate((length + 7L) >>> 3);
        long position = 0;
        for (ArrayData p : parts) {
            Bitmaps.copy(p.buffer(1), p.offset(), bitmap, position, p.length());
            position += p.length();
        }
        return bitmap;
    }

    /** Concatenates buffer {@code index} of fixed {@code width} bytes per value. */
    private MemorySegment bytes(List<ArrayData> parts, int length, int width, int index) {
        MemorySegment out = allocate((long) length * width);
        long position = 0;
        for (ArrayData p : parts) {
            long size = (long) p.length() * width;
            MemorySegment.copy(p.buffer(index), (long) p.offset() * width, out, position, size);
            position += size;
        }
        return out;
    }

    private static long offsetAt(MemorySegment offsets, int width, long i) {
        return width == 4 ? offsets.get(INT, i * 4) : offsets.get(LONG, i * 8);
    }

    private static void setOffset(MemorySegment offsets, int width, long i, long value) {
        if (width == 4) {
            offsets.set(INT, i * 4, Math.toIntExact(value));
        } else {
            offsets.set(LONG, i * 8, value);
        }
    }

    /** Rebased offsets for {@code parts} into {@code buffers[1]}; returns {start, end} per part. */
    private long[] rebasedOffsets(List<ArrayData> parts, int length, int width, MemorySegment[] buffers) {
        MemorySegment out = allocate((length + 1L) * width);
        long[] ranges = new long[parts.size() * 2];
        long base = 0;
        long position = 0;
        setOffset(out, width, 0, 0);
        for (int k = 0; k < parts.size(); k++) {
            ArrayData p = parts.get(k);
            long start = p.length() == 0 ? 0 : offsetAt(p.buffer(1), width, p.offset());
            long end = p.length() == 0 ? 0 : offsetAt(p.buffer(1), width, (long) p.offset() + p.length());
            for (int i = 1; i <= p.length(); i++) {
                setOffset(out, width, position + i, base + offsetAt(p.buffer(1), width, (long) p.offset() + i) - start);
            }
            ranges[2 * k] = start;
            ranges[2 * k + 1] = end;
            base += end - start;
            position += p.length();
        }
        buffers[1] = out;
        return ranges;
    }

    private MemorySegment[] binary(List<ArrayData> parts, int length, int width) {
        MemorySegment[] buffers = {validity(parts, length), null, null};
        long[] ranges = rebasedOffsets(parts, length, width, buffers);
        long size = 0;
        for (int k = 0; k < parts.size(); k++) {
            size += ranges[2 * k + 1] - ranges[2 * k];
        }
        MemorySegment data = allocate(size);
        long position = 0;
        for (int k = 0; k < parts.size(); k++) {
            long n = ranges[2 * k + 1] - ranges[2 * k];
            MemorySegment.copy(parts.get(k).buffer(2), ranges[2 * k], data, position, n);
            position += n;
        }
        buffers[2] = data;
        return buffers;
    }

    private ArrayData listChildren(List<ArrayData> parts, int length, int width, MemorySegment[] buffers) {
        long[] ranges = rebasedOffsets(parts, length, width, buffers);
        List<ArrayData> slices = new ArrayList<>(parts.size());
        for (int k = 0; k < parts.size(); k++) {
            slices.add(parts.get(k).child(0).slice(Math.toIntExact(ranges[2 * k]),
                    Math.toIntExact(ranges[2 * k + 1] - ranges[2 * k])));
        }
        return concat(slices);
    }

    private ArrayData listViews(List<ArrayData> parts, int length, int width, MemorySegment[] buffers) {
        MemorySegment offsets = allocate((long) length * width);
        MemorySegment sizes = allocate((long) length * width);
        List<ArrayData> wholeChildren = new ArrayList<>(parts.size());
        long base = 0;
        long position = 0;
        for (ArrayData p : parts) {
            for (int i = 0; i < p.length(); i++) {
                long slot = (long) p.offset() + i;
                setOffset(offsets, width, position + i, offsetAt(p.buffer(1), width, slot) + base);
                setOffset(sizes, width, position + i, offsetAt(p.buffer(2), width, slot));
            }
            wholeChildren.add(p.child(0));
            base += p.child(0).length();
            position += p.length();
        }
        buffers[1] = offsets;
        buffers[2] = sizes;
        return concat(wholeChildren);
    }

    private MemorySegment[] views(List<ArrayData> parts, int length) {
        MemorySegment validity = validity(parts, length);
        MemorySegment views = allocate(length * 16L);
        List<MemorySegment> data = new ArrayList<>();
        long position = 0;
        for (ArrayData p : parts) {
            int shift = data.size();
            for (int b = 2; b < p.bufferCount(); b++) {
                MemorySegment copy = allocate(p.buffer(b).byteSize());
                copy.copyFrom(p.buffer(b));
                data.add(copy);
            }
            MemorySegment.copy(p.buffer(1), p.offset() * 16L, views, position * 16, p.length() * 16L);
            for (int i = 0; i < p.length(); i++) {
                long view = (position + i) * 16;
                if (views.get(INT, view) > 12) {
                    views.set(INT, view + 8, views.get(INT, view + 8) + shift);
                }
            }
            position += p.length();
        }
        MemorySegment[] buffers = new MemorySegment[2 + data.size()];
        buffers[0] = validity;
        buffers[1] = views;
        for (int i = 0; i < data.size(); i++) {
            buffers[2 + i] = data.get(i);
        }
        return buffers;
    }

    private List<ArrayData> denseUnion(List<ArrayData> parts, DataType.Union u, int length, MemorySegment[] buffers) {
        int childCount = u.fields().size();
        int[] childOf = new int[128];
        for (int i = 0; i < childCount; i++) {
            childOf[u.typeIds().get(i)] = i;
        }
        MemorySegment offsets = allocate(length * 4L);
        long[] base = new long[childCount];
        long position = 0;
        for (ArrayData p : parts) {
            for (int i = 0; i < p.length(); i++) {
                long slot = (long) p.offset() + i;
                int child = childOf[p.buffer(0).get(ValueLayout.JAVA_BYTE, slot)];
                offsets.set(INT, (position + i) * 4, Math.toIntExact(p.buffer(1).get(INT, slot * 4) + base[child]));
            }
            for (int c = 0; c < childCount; c++) {
                base[c] += p.child(c).length();
            }
            position += p.length();
        }
        buffers[1] = offsets;
        List<ArrayData> children = new ArrayList<>(childCount);
        for (int c = 0; c < childCount; c++) {
            List<ArrayData> whole = new ArrayList<>(parts.size());
            for (ArrayData p : parts) {
                whole.add(p.child(c));
            }
            children.add(concat(whole));
        }
        return children;
    }

    private List<ArrayData> runEndEncoded(List<ArrayData> parts, DataType.RunEndEncoded r) {
        int width = ((DataType.Int) r.runEnds().type()).byteWidth();
        List<ArrayData> values = new ArrayList<>(parts.size());
        long runs = 0;
        int[][] physical = new int[parts.size()][];
        for (int k = 0; k < parts.size(); k++) {
            ArrayData p = parts.get(k);
            if (p.length() == 0) {
                physical[k] = new int[] {0, 0};
            } else {
                // As the storage type: an extension over run-end encoding would make an ExtensionArray.
                RunEndEncodedArray array = (RunEndEncodedArray) Array.of(p.withType(r));
                physical[k] = new int[] {array.physicalIndex(0), array.physicalIndex(p.length() - 1) + 1};
            }
            runs += physical[k][1] - physical[k][0];
        }
        MemorySegment ends = allocate(runs * width);
        long run = 0;
        long logicalBase = 0;
        for (int k = 0; k < parts.size(); k++) {
            ArrayData p = parts.get(k);
            MemorySegment source = p.child(0).buffer(1);
            long childOffset = p.child(0).offset();
            for (int i = physical[k][0]; i < physical[k][1]; i++) {
                long end = switch (width) {
                    case 2 -> source.get(SHORT, (childOffset + i) * 2);
                    case 4 -> source.get(INT, (childOffset + i) * 4);
                    default -> source.get(LONG, (childOffset + i) * 8);
                };
                long clipped = Math.min(end - p.offset(), p.length()) + logicalBase;
                switch (width) {
                    case 2 -> ends.set(SHORT, run * 2, (short) clipped);
                    case 4 -> ends.set(INT, run * 4, Math.toIntExact(clipped));
                    default -> ends.set(LONG, run * 8, clipped);
                }
                run++;
            }
            values.add(p.child(1).slice(physical[k][0], physical[k][1] - physical[k][0]));
            logicalBase += p.length();
        }
        ArrayData runEnds = new ArrayData(r.runEnds().type(), Math.toIntExact(runs), 0, 0,
                new MemorySegment[] {null, ends}, List.of(), null);
        return List.of(runEnds, concat(values));
    }
}
