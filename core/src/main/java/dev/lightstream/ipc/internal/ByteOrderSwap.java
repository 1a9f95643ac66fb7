package dev.lightstream.ipc.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Converts the buffers of a big-endian IPC body to little-endian, in place: the reader owns the
 * body block, and Arrow data in memory is little-endian everywhere in this library.
 */
final class ByteOrderSwap {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT_BE = INT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = INT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ByteOrderSwap() {}

    /** Swaps every whole value of {@code kind} in {@code buffer}. */
    static void swap(MemorySegment buffer, int kind) {
        long size = buffer.byteSize();
        switch (kind) {
            case BufferKind.WIDTH2 -> {
                for (long i = 0; i + 2 <= size; i += 2) {
                    buffer.set(SHORT, i, Short.reverseBytes(buffer.get(SHORT, i)));
                }
            }
            case BufferKind.WIDTH4 -> swapInts(buffer, 0, size);
            case BufferKind.WIDTH8 -> {
                for (long i = 0; i + 8 <= size; i += 8) {
                    buffer.set(LONG, i, Long.reverseBytes(buffer.get(LONG, i)));
                }
            }
            case BufferKind.INT128 -> reverseEach(buffer, 16);
            case BufferKind.INT256 -> reverseEach(buffer, 32);
            case BufferKind.MONTH_DAY_NANO -> {
                for (long i = 0; i + 16 <= size; i += 16) {
                    buffer.set(INT, i, Integer.reverseBytes(buffer.get(INT, i)));
                    buffer.set(INT, i + 4, Integer.reverseBytes(buffer.get(INT, i + 4)));
                    buffer.set(LONG, i + 8, Long.reverseBytes(buffer.get(LONG, i + 8)));
                }
            }
            case BufferKind.VIEWS -> {
                for (long i = 0; i + 16 <= size; i += 16) {
                    int length = buffer.get(INT_BE, i);
                    buffer.set(INT_LE, i, length);
                    if (length > 12) { // prefix bytes stay; buffer index and offset are ints
                        buffer.set(INT, i + 8, Integer.reverseBytes(buffer.get(INT, i + 8)));
                        buffer.set(INT, i + 12, Integer.reverseBytes(buffer.get(INT, i + 12)));
                    }
                }
            }
            default -> { } // bits and bytes have no byte order
        }
    }

    private static void swapInts(MemorySegment buffer, long from, long to) {
        for (long i = from; i + 4 <= to; i += 4) {
            buffer.set(INT, i, Integer.reverseBytes(buffer.get(INT, i)));
        }
    }

    private static void reverseEach(MemorySegment buffer, int width) {
        long size = buffer.byteSize();
        for (long base = 0; base + width <= size; base += width) {
            for (int i = 0, j = width - 1; i < j; i++, j--) {
                byte a = buffer.get(ValueLayout.JAVA_BYTE, base + i);
                buffer.set(ValueLayout.JAVA_BYTE, base + i, buffer.get(ValueLayout.JAVA_BYTE, base + j));
                buffer.set(ValueLayout.JAVA_BYTE, base + j, a);
            }
        }
    }
}
