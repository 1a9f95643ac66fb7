package dev.lightstream.ipc.internal;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.UnsupportedIpcFeatureException;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.UnionMode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a union read from metadata version V4, which had a validity bitmap of its own, to the
 * V5 model, where a union slot is null when the child value it selects is null.
 *
 * <p>For each null slot the selected child value (same position for sparse unions, the slot's
 * offset for dense ones) is made null: the child's validity bitmap is cleared in place when the
 * child has one (the reader owns the body), or a new bitmap block is allocated for it. A dense
 * child value shared by a null and a non-null slot becomes null for both: V5 cannot say otherwise.
 */
final class V4Unions {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private V4Unions() {}

    static ArrayData pushNullsIntoChildren(ArrayData union, MemorySegment validity, BufferAllocator allocator,
            List<MemoryBlock> blocks, String where) throws IOException {
        DataType.Union type = (DataType.Union) DictionaryIds.unwrap(union.type());
        int[] childOf = new int[128];
        java.util.Arrays.fill(childOf, -1);
        for (int i = 0; i < type.typeIds().size(); i++) {
            childOf[type.typeIds().get(i)] = i;
        }
        MemorySegment typeIds = union.buffer(0);
        MemorySegment offsets = type.mode() == UnionMode.DENSE ? union.buffer(1) : null;
        MemorySegment[] childValidity = new MemorySegment[union.children().size()];
        boolean[] changed = new boolean[childValidity.length];
        for (int slot = 0; slot < union.length(); slot++) {
            if (Bitmaps.get(validity, slot)) {
                continue;
            }
            int id = typeIds.get(ValueLayout.JAVA_BYTE, slot);
            int child = id < 0 ? -1 : childOf[id];
            if (child < 0) {
                throw new InvalidIpcException(where + ": union slot " + slot + " has undeclared type id " + id);
            }
            ArrayData c = union.child(child);
            long position = offsets == null ? slot : offsets.get(LE_INT, slot * 4L);
            if (position < 0 || position >= c.length()) {
                throw new InvalidIpcException(where + ": union slot " + slot + " points at " + position
                        + " outside child " + child + " of length " + c.length());
            }
            DataType childType = DictionaryIds.unwrap(c.type());
            if (childType instanceof DataType.Null) {
                continue;
            }
            if (childType instanceof DataType.Union || childType instanceof DataType.RunEndEncoded) {
                throw new UnsupportedIpcFeatureException(where + ": a null V4 union slot over a " + childType
                        + " child cannot be represented");
            }
            if (childValidity[child] == null) {
                childValidity[child] = writableValidity(c, allocator, blocks, where);
            }
            Bitmaps.set(childValidity[child], c.offset() + position, false);
            changed[child] = true;
        }
        List<ArrayData> children = new ArrayList<>(union.children());
        for (int i = 0; i < childValidity.length; i++) {
            if (changed[i]) {
                ArrayData c = union.child(i);
                MemorySegment[] buffers = c.buffers();
                buffers[0] = childValidity[i];
                children.set(i, new ArrayData(c.type(), c.length(), c.offset(), ArrayData.UNKNOWN_NULL_COUNT, buffers,
                        c.children(), c.dictionary()));
            }
        }
        return new ArrayData(union.type(), union.length(), union.offset(), 0, union.buffers(), children, null);
    }

    private static MemorySegment writableValidity(ArrayData child, BufferAllocator allocator, List<MemoryBlock> blocks,
            String where) throws IOException {
        MemorySegment existing = child.validity();
        if (existing != null && !existing.isReadOnly()) {
            return existing;
        }
        long bits = (long) child.offset() + child.length();
        long bytes = (bits + 7) >>> 3;
        MemoryBlock block;
        try {
            block = allocator.allocate(bytes);
        } catch (AllocationLimitException e) {
            throw new IOException(where + ": cannot allocate a validity bitmap: " + e.getMessage(), e);
        }
        blocks.add(block);
        MemorySegment bitmap = block.segment().asSlice(0, bytes);
        if (existing != null) {
            bitmap.copyFrom(existing.asSlice(0, bytes));
        } else {
            bitmap.fill((byte) 0xFF);
        }
        return bitmap;
    }
}
