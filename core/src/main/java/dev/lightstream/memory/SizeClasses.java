package dev.lightstream.memory;

/**
 * The size classes of the pooled allocator: multiples of 64 up to 1 KiB, then four classes per
 * power of two (1.25, 1.5, 1.75 and 2 times the previous power), up to {@link #MAX_POOLED}.
 * Rounding a request up to its class wastes at most 25%.
 */
final class SizeClasses {
    /** Blocks above this size are not pooled: each gets its own arena, freed on release. */
    static final long MAX_POOLED = 1L << 30;

    private static final int SMALL_LIMIT = 1024;
    private static final int SMALL_CLASSES = SMALL_LIMIT / Alignment.BYTES;
    /** Classes above 1 KiB: four per power of two from 2^10 to 2^30. */
    static final int COUNT = SMALL_CLASSES + 4 * (Long.numberOfTrailingZeros(MAX_POOLED) - 10);

    private SizeClasses() {}

    /** The class index for a request of {@code size} bytes (1 to {@link #MAX_POOLED}). */
    static int indexOf(long size) {
        if (size <= SMALL_LIMIT) {
            return (int) ((Math.max(size, 1) + Alignment.BYTES - 1) / Alignment.BYTES) - 1;
        }
        int k = 63 - Long.numberOfLeadingZeros(size - 1); // 2^k < size <= 2^(k+1), k >= 10
        long step = 1L << (k - 2);
        long quarters = (size + step - 1) / step;           // 5..8
        return SMALL_CLASSES + (k - 10) * 4 + (int) (quarters - 5);
    }

    /** The byte size of class {@code index}. */
    static long sizeOf(int index) {
        if (index < SMALL_CLASSES) {
            return (long) (index + 1) * Alignment.BYTES;
        }
        int rest = index - SMALL_CLASSES;
        int k = 10 + rest / 4;
        return (long) (5 + rest % 4) << (k - 2);
    }
}
