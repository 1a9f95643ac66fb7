package dev.lightstream.integration;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Decoding of the scalar encodings the integration JSON uses inside {@code DATA}, {@code OFFSET}
 * and the other buffers: integers as numbers or (for 64 bits) decimal strings, floats as numbers,
 * booleans as {@code true}/{@code false} or 1/0, bytes as hex strings, decimals as strings of the
 * unscaled integer. Each method names element {@code i} of {@code array} when the value is wrong.
 */
final class JsonScalars {
    /** Longest decimal string accepted: a 256-bit integer has at most 78 digits and a sign. */
    private static final int MAX_DECIMAL_CHARS = 80;

    private JsonScalars() {}

    /**
     * An integer in {@code [min, max]}, written as an integral JSON number or as a string of
     * decimal digits (the format's spelling of 64-bit values; accepted for every width).
     */
    static long integer(JsonCursor array, int i, JsonValue v, long min, long max) throws InvalidJsonException {
        String text = integerText(array, i, v);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw array.errorAt(i, "integer " + JsonCursor.describe(v) + " is not a 64-bit integer");
        }
        if (value < min || value > max) {
            throw array.errorAt(i, "integer " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** An unsigned 64-bit integer, returned as its two's-complement bits. */
    static long unsigned64(JsonCursor array, int i, JsonValue v) throws InvalidJsonException {
        String text = integerText(array, i, v);
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw array.errorAt(i, "integer " + JsonCursor.describe(v) + " is not an unsigned 64-bit integer");
        }
    }

    private static String integerText(JsonCursor array, int i, JsonValue v) throws InvalidJsonException {
        if (v instanceof JsonValue.Num n && n.integral()) {
            return n.text();
        }
        if (v instanceof JsonValue.Str s && isDecimalInteger(s.value())) {
            return s.value();
        }
        throw array.errorAt(i, "expected an integer but found " + JsonCursor.describe(v));
    }

    private static boolean isDecimalInteger(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 25) {
            return false;
        }
        for (int k = start; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A double from a JSON number, or from the strings {@code "NaN"}, {@code "Infinity"} and
     * {@code "-Infinity"} (JSON has no spelling for them; the writer uses these).
     */
    static double float64(JsonCursor array, int i, JsonValue v) throws InvalidJsonException {
        return Double.parseDouble(floatText(array, i, v));
    }

    /**
     * A float parsed once from the text as written (Float.parseFloat rounds the decimal text
     * straight to the nearest float; going through a double could round twice).
     */
    static float float32(JsonCursor array, int i, JsonValue v) throws InvalidJsonException {
        return Float.parseFloat(floatText(array, i, v));
    }

    private static String floatText(JsonCursor array, int i, JsonValue v) throws InvalidJsonException {
        if (v instanceof JsonValue.Num n) {
            return n.text();
        }
        if (v instanceof JsonValue.Str s) {
            switch (s.value()) {
                case "NaN", "Infinity", "-Infinity" -> {
                    return s.value();
                }
                default -> { }
            }
        }
        throw array.errorAt(i, "expected a number but found " + JsonCursor.describe(v));
    }

    /** A boolean written as {@code true}/{@code false} or as 1/0. */
    static boolean bool(JsonCursor array, int i, JsonValue v) throws InvalidJsonException {
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        if (v instanceof JsonValue.Num n && n.integral() && (n.text().equals("0") || n.text().equals("1"))) {
            return n.text().equals("1");
        }
        throw array.errorAt(i, "expected true, false, 0 or 1 but found " + JsonCursor.describe(v));
    }

    /** The bytes of a hex string (either case), which must be {@code expectedLength} bytes long, or any length when negative. */
    static byte[] hex(JsonCursor array, int i, JsonValue v, long expectedLength) throws InvalidJsonException {
        if (!(v instanceof JsonValue.Str s)) {
            throw array.errorAt(i, "expected a hex string but found " + JsonCursor.describe(v));
        }
        String text = s.value();
        if ((text.length() & 1) != 0) {
            throw array.errorAt(i, "hex string has an odd number of digits (" + text.length() + ")");
        }
        if (expectedLength >= 0 && text.length() / 2 != expectedLength) {
            throw array.errorAt(i, "hex string holds " + text.length() / 2 + " bytes but " + expectedLength + " were expected");
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw array.errorAt(i, "not a hex string: " + JsonCursor.describe(v));
        }
    }

    /** The unscaled value of a decimal, written as a string of decimal digits, that must fit {@code bitWidth} bits. */
    static BigInteger decimal(JsonCursor array, int i, JsonValue v, int bitWidth) throws InvalidJsonException {
        String text;
        if (v instanceof JsonValue.Str s) {
            text = s.value();
        } else if (v instanceof JsonValue.Num n && n.integral()) {
            text = n.text();
        } else {
            throw array.errorAt(i, "expected a decimal string but found " + JsonCursor.describe(v));
        }
        if (text.length() > MAX_DECIMAL_CHARS || !isDecimalDigits(text)) {
            throw array.errorAt(i, "not a decimal integer: " + JsonCursor.describe(v));
        }
        BigInteger value = new BigInteger(text);
        if (value.bitLength() > bitWidth - 1) {
            throw array.errorAt(i, "decimal " + text + " does not fit " + bitWidth + " bits");
        }
        return value;
    }

    private static boolean isDecimalDigits(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            return false;
        }
        for (int k = start; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- the same decodings for a single value reached by a cursor (members of view and interval objects)

    static long integer(JsonCursor at, long min, long max) throws InvalidJsonException {
        return integer(wrap(at), 0, at.value(), min, max);
    }

    static byte[] hex(JsonCursor at, long expectedLength) throws InvalidJsonException {
        return hex(wrap(at), 0, at.value(), expectedLength);
    }

    /** A one-element array cursor whose element 0 reports errors at {@code at}'s own path. */
    private static JsonCursor wrap(JsonCursor at) {
        return at.asSingleton();
    }
}
