package dev.lightstream.array;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hashable stand-in for a value in the Java form of {@link Array#getObject}, equal for values
 * that a builder stores identically: byte arrays by content, floating-point numbers by bit pattern
 * (all NaNs of a width alike), decimals by numeric value, integers by value whatever their box.
 * Dictionary builders dedup with it, run-end encoded builders merge runs with it.
 */
final class ValueKey {
    /** The key of null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private ValueKey() {}

    static Object of(Object value) {
        return switch (value) {
            case null -> NULL;
            case byte[] bytes -> new Bytes(bytes.clone());
            case Float f -> new FloatBits(Float.floatToIntBits(f));
            case Double d -> new DoubleBits(Double.doubleToLongBits(d));
            case BigDecimal d -> d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            case BigInteger b -> b.bitLength() <= 63 ? (Object) b.longValue() : b;
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case List<?> list -> {
                List<Object> keys = new ArrayList<>(list.size());
                for (Object element : list) {
                    keys.add(of(element));
                }
                yield keys;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> keys = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    keys.put(of(e.getKey()), of(e.getValue()));
                }
                yield keys;
            }
            default -> value;
        };
    }

    private record Bytes(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }

    private record FloatBits(int bits) {}

    private record DoubleBits(long bits) {}
}
