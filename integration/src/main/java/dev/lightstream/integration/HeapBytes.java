package dev.lightstream.integration;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Little-endian stores into heap byte arrays: the staging form of a buffer decoded from JSON,
 * before it is copied into native memory.
 */
final class HeapBytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private HeapBytes() {}

    static void putShort(byte[] b, int at, short v) {
        SHORT.set(b, at, v);
    }

    static void putInt(byte[] b, int at, int v) {
        INT.set(b, at, v);
    }

    static int getInt(byte[] b, int at) {
        return (int) INT.get(b, at);
    }

    static void putLong(byte[] b, int at, long v) {
        LONG.set(b, at, v);
    }

    static long getLong(byte[] b, int at) {
        return (long) LONG.get(b, at);
    }

    static void putFloat(byte[] b, int at, float v) {
        FLOAT.set(b, at, v);
    }

    static void putDouble(byte[] b, int at, double v) {
        DOUBLE.set(b, at, v);
    }

    /** Stores an integer of {@code width} bytes (1, 2, 4 or 8). */
    static void putInteger(byte[] b, int index, int width, long v) {
        switch (width) {
            case 1 -> b[index] = (byte) v;
            case 2 -> putShort(b, index * 2, (short) v);
            case 4 -> putInt(b, index * 4, (int) v);
            default -> putLong(b, index * 8, v);
        }
    }

    /** Reads back an integer of {@code width} bytes, sign-extended. */
    static long getInteger(byte[] b, int index, int width) {
        return switch (width) {
            case 1 -> b[index];
            case 2 -> (short) SHORT.get(b, index * 2);
            case 4 -> getInt(b, index * 4);
            default -> getLong(b, index * 8);
        };
    }

    /** Stores {@code value} as a little-endian two's-complement integer of {@code width} bytes at {@code at}. */
    static void putBigInteger(byte[] b, int at, int width, BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte fill = (byte) (value.signum() < 0 ? -1 : 0);
        for (int k = 0; k < width; k++) {
            int source = bigEndian.length - 1 - k;
            b[at + k] = source >= 0 ? bigEndian[source] : fill;
        }
    }

    /** Bytes for a bitmap of {@code bits} bits. */
    static int bitmapBytes(int bits) {
        return (int) ((bits + 7L) >>> 3);
    }

    static void setBit(byte[] bitmap, int i) {
        bitmap[i >>> 3] |= (byte) (1 << (i & 7));
    }

    static boolean getBit(byte[] bitmap, int i) {
        return (bitmap[i >>> 3] & (1 << (i & 7))) != 0;
    }
}
