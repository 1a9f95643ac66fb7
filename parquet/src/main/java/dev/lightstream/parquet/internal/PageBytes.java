package dev.lightstream.parquet.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/**
 * A growable heap byte buffer that one page (or one dictionary) is encoded into: little-endian
 * integers, ULEB128 varints, and bulk copies out of Arrow's {@link MemorySegment}s. Reused from page
 * to page, so a column writer allocates only while its pages grow.
 */
final class PageBytes {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;

    PageBytes(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    /** The backing array: valid up to {@link #size()}, replaced when the buffer grows. */
    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Drops everything past {@code newSize}. */
    void truncate(int newSize) {
        size = newSize;
    }

    /** Makes room for {@code extra} more bytes. */
    void reserve(int extra) {
        long needed = (long) size + extra;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a Parquet page cannot exceed 2 GiB: size=" + size + " extra=" + extra);
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * bytes.length)));
        }
    }

    void putByte(int value) {
        reserve(1);
        bytes[size++] = (byte) value;
    }

    void putInt(int value) {
        reserve(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void putLong(long value) {
        reserve(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    /** An unsigned LEB128 varint, as the RLE/bit-packing hybrid's run headers are. */
    void putVarInt(int value) {
        reserve(5);
        while ((value & ~0x7F) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    void put(byte[] source, int offset, int length) {
        reserve(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    void put(PageBytes other) {
        put(other.bytes, 0, other.size);
    }

    /** Copies {@code length} bytes of {@code source} from {@code offset}: one bulk copy, no per-value work. */
    void copy(MemorySegment source, long offset, int length) {
        reserve(length);
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, offset, bytes, size, length);
        size += length;
    }

    /** Overwrites the four bytes at {@code at} (a length prefix written before its section was known). */
    void setInt(int at, int value) {
        INT.set(bytes, at, value);
    }

    static int getInt(byte[] array, int at) {
        return (int) INT.get(array, at);
    }

    static long getLong(byte[] array, int at) {
        return (long) LONG.get(array, at);
    }

    /** The bytes, not copied: valid until this buffer is next written. */
    BytesInput toBytesInput() {
        return BytesInput.from(bytes, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
