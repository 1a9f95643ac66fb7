package dev.lightstream.array;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reading and writing of Arrow bitmaps: bit {@code i} is bit {@code i % 8} (least significant
 * first) of byte {@code i / 8}. Used for validity and for boolean values.
 */
public final class Bitmaps {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bitmaps() {}

    /** Bytes needed for {@code bits} bits. */
    public static long byteLength(long bits) {
        return (bits + 7) >>> 3;
    }

    public static boolean get(MemorySegment bitmap, long index) {
        return (bitmap.get(ValueLayout.JAVA_BYTE, index >>> 3) & (1 << (index & 7))) != 0;
    }

    public static void set(MemorySegment bitmap, long index, boolean value) {
        long byteIndex = index >>> 3;
        byte b = bitmap.get(ValueLayout.JAVA_BYTE, byteIndex);
        int mask = 1 << (index & 7);
        bitmap.set(ValueLayout.JAVA_BYTE, byteIndex, (byte) (value ? b | mask : b & ~mask));
    }

    /** The number of set bits among {@code length} bits from bit {@code offset}. */
    public static long countSet(MemorySegment bitmap, long offset, long length) {
        long count = 0;
        long i = offset;
        long end = offset + length;
        while (i < end && (i & 63) != 0) {
            if (get(bitmap, i)) {
                count++;
            }
            i++;
        }
        while (end - i >= 64) {
            count += Long.bitCount(bitmap.get(LONG, i >>> 3));
            i += 64;
        }
        while (i < end) {
            if (get(bitmap, i)) {
                count++;
            }
            i++;
        }
        return count;
    }

    /**
     * Copies {@code length} bits from {@code src} at bit {@code srcOffset} to {@code dst} at bit
     * {@code dstOffset}; bits of {@code dst} outside that range are left as they are.
     */
    public static void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long length) {
        if ((srcOffset & 7) == 0 && (dstOffset & 7) == 0) {
            long whole = length >>> 3;
            MemorySegment.copy(src, srcOffset >>> 3, dst, dstOffset >>> 3, whole);
            for (long i = whole << 3; i < length; i++) {
                set(dst, dstOffset + i, get(src, srcOffset + i));
            }
            return;
        }
        for (long i = 0; i < length; i++) {
            set(dst, dstOffset + i, get(src, srcOffset + i));
        }
    }
}
