package dev.lightstream.integration;

import dev.lightstream.array.ArrayData;
import dev.lightstream.memory.Alignment;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * An array decoded from JSON whose buffers are still on the heap: the tree of buffers that
 * {@link #place} copies into one native block, each buffer at a 64-byte-aligned offset.
 *
 * <p>Decoding first into heap buffers means every buffer is sized by values that were actually
 * present in the document, and nothing native is allocated for a batch that turns out malformed.
 *
 * @param type the array's type, as {@link ArrayData} will carry it
 * @param length the number of slots
 * @param nullCount the nulls among the array's own validity bits
 * @param buffers the buffers in {@link ArrayData} layout order; a null validity means all valid
 * @param children child arrays in type order
 * @param dictionary the dictionary of a dictionary-encoded array, already native, or null
 */
record HeapArray(DataType type, int length, int nullCount, byte[][] buffers, List<HeapArray> children,
        LoadedDictionary dictionary) {

    /** Native bytes this tree needs: every buffer padded to 64 bytes. */
    long nativeBytes() {
        long total = 0;
        for (byte[] buffer : buffers) {
            if (buffer != null) {
                total += Alignment.pad(buffer.length);
            }
        }
        for (HeapArray child : children) {
            total += child.nativeBytes();
        }
        return total;
    }

    /** Copies the buffers of this tree into {@code slab} and describes them as {@link ArrayData}. */
    ArrayData place(Slab slab) {
        List<ArrayData> childData = new ArrayList<>(children.size());
        for (HeapArray child : children) {
            childData.add(child.place(slab));
        }
        MemorySegment[] segments = new MemorySegment[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            segments[i] = buffers[i] == null ? null : slab.put(buffers[i]);
        }
        return new ArrayData(type, length, 0, nullCount, segments, childData,
                dictionary == null ? null : dictionary.data());
    }

    /** A native segment filled one 64-byte-aligned buffer after another. */
    static final class Slab {
        private final MemorySegment segment;
        private long position;

        Slab(MemorySegment segment) {
            this.segment = segment;
        }

        MemorySegment put(byte[] bytes) {
            MemorySegment target = segment.asSlice(position, bytes.length);
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, target, 0, bytes.length);
            position += Alignment.pad(bytes.length);
            return target;
        }
    }
}
