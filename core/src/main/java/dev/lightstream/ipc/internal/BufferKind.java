package dev.lightstream.ipc.internal;

/**
 * What an IPC buffer holds, as far as alignment and byte order are concerned. Codes are ints so
 * that a batch's plan is a plain {@code int[]}.
 */
final class BufferKind {
    /** Bits (validity, boolean values): any alignment, no byte order. */
    static final int BITS = 0;
    /** Opaque bytes (binary data, int8, union type ids): any alignment, no byte order. */
    static final int BYTES = 1;
    static final int WIDTH2 = 2;
    static final int WIDTH4 = 3;
    static final int WIDTH8 = 4;
    /** A 16-byte two's-complement integer (decimal128). */
    static final int INT128 = 5;
    /** A 32-byte two's-complement integer (decimal256). */
    static final int INT256 = 6;
    /** Month-day-nano intervals: int32, int32, int64. */
    static final int MONTH_DAY_NANO = 7;
    /** 16-byte binary views: int32 length, then inline bytes or prefix, int32 buffer, int32 offset. */
    static final int VIEWS = 8;

    private BufferKind() {}

    /** The alignment an access of this kind's values wants. */
    static int alignment(int kind) {
        return switch (kind) {
            case WIDTH2 -> 2;
            case WIDTH4, VIEWS -> 4;
            case WIDTH8, INT128, INT256, MONTH_DAY_NANO -> 8;
            default -> 1;
        };
    }

    /** The kind of a fixed-width value buffer of {@code byteWidth} bytes per value. */
    static int ofWidth(int byteWidth) {
        return switch (byteWidth) {
            case 2 -> WIDTH2;
            case 4 -> WIDTH4;
            case 8 -> WIDTH8;
            case 16 -> INT128;
            case 32 -> INT256;
            default -> BYTES;
        };
    }
}
