package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.math.BigInteger;

/**
 * Conversions from the Java objects that {@link ArrayBuilder#appendObject} takes to the raw bits
 * of a fixed-width slot, with the range checks of the target type.
 */
final class JavaValues {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JavaValues() {}

    /** True for the integral boxes and BigInteger. */
    static boolean isIntegral(Object value) {
        return value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger;
    }

    /**
     * The raw bits of an integral {@code value} for a slot of {@code type} whose width is
     * {@code bitWidth}: signed types take their two's-complement range, unsigned ones
     * {@code 0..2^bits-1} (stored as the same bits).
     *
     * @throws IllegalArgumentException if the value is not integral or out of range
     */
    static long integralBits(Object value, DataType type, int bitWidth) {
        if (!isIntegral(value)) {
            throw new IllegalArgumentException("cannot append a " + value.getClass().getName() + " (" + value
                    + ") to a builder of " + type + ": an integral number is expected");
        }
        boolean signed = !(type instanceof DataType.Int i) || i.signed();
        BigInteger big = value instanceof BigInteger b ? b : null;
        if (bitWidth == 64 && !signed) {
            BigInteger v = big != null ? big : BigInteger.valueOf(((Number) value).longValue());
            if (v.signum() < 0 || v.compareTo(UINT64_MAX) > 0) {
                throw outOfRange(value, type);
            }
            return v.longValue();
        }
        if (big != null && big.bitLength() > 63) {
            throw outOfRange(value, type);
        }
        long v = ((Number) value).longValue();
        long min = signed ? -(1L << (bitWidth - 1)) : 0;
        long max = signed ? (1L << (bitWidth - 1)) - 1 : (1L << bitWidth) - 1;
        if (bitWidth == 64) {
            return v;
        }
        if (v < min || v > max) {
            throw outOfRange(value, type);
        }
        return v;
    }

    /** True if {@link #integralBits} would accept {@code value}. */
    static boolean fitsIntegral(Object value, DataType type, int bitWidth) {
        if (!isIntegral(value)) {
            return false;
        }
        try {
            integralBits(value, type, bitWidth);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IllegalArgumentException outOfRange(Object value, DataType type) {
        return new IllegalArgumentException("value=" + value + " is out of range for " + type);
    }
}
