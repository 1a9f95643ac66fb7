package dev.lightstream.csv.internal;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.TimeUnit;

/**
 * Type inference for one CSV column: each non-null value rules out the types it does not parse
 * as, and the first type left in the order bool, int64, decimal (when asked), float64, date32,
 * timestamp, utf8 wins. A column with no value at all is utf8.
 *
 * <p>Timestamps with an offset (or Z) are UTC instants, {@code timestamp[us, UTC]}; without, local
 * {@code timestamp[us]}; a column mixing both is utf8. More than six fractional digits make the
 * unit nanoseconds.
 */
final class TypeInference {
    private final Text text = new Text();
    private boolean seen;
    private boolean bool = true;
    private boolean int64 = true;
    private boolean decimal = true;
    private boolean float64 = true;
    private boolean date = true;
    private boolean timestamp = true;
    private int maxIntegerDigits;
    private int maxFractionDigits;
    private boolean withOffset;
    private boolean withoutOffset;
    private int maxSecondFraction;

    void observe(byte[] a, int off, int len) {
        seen = true;
        if (bool && ColumnParser.BoolParser.parseBool(a, off, len) < 0) {
            bool = false;
        }
        if (int64 && !text.parseLong(a, off, len)) {
            int64 = false;
        }
        if (decimal) {
            if (text.scanDecimal(a, off, len)) {
                maxIntegerDigits = Math.max(maxIntegerDigits, text.integerDigits);
                maxFractionDigits = Math.max(maxFractionDigits, text.fractionDigits);
            } else {
                decimal = false;
            }
        }
        if (float64 && !text.parseDouble(a, off, len)) {
            float64 = false;
        }
        if (date && !text.parseDate(a, off, len)) {
            date = false;
        }
        if (timestamp) {
            if (text.parseTimestamp(a, off, len)) {
                if (text.hasOffset) {
                    withOffset = true;
                } else {
                    withoutOffset = true;
                }
                maxSecondFraction = Math.max(maxSecondFraction, text.fractionDigits);
            } else {
                timestamp = false;
            }
        }
    }

    DataType result(boolean inferDecimal) {
        if (!seen) {
            return DataType.UTF8;
        }
        if (bool) {
            return DataType.BOOL;
        }
        if (int64) {
            return DataType.INT64;
        }
        int precision = maxIntegerDigits + maxFractionDigits;
        if (inferDecimal && decimal && precision <= 38) {
            return DataType.decimal(Math.max(1, precision), maxFractionDigits);
        }
        if (float64) {
            return DataType.FLOAT64;
        }
        if (date) {
            return DataType.DATE32;
        }
        if (timestamp && !(withOffset && withoutOffset)) {
            return DataType.timestamp(maxSecondFraction > 6 ? TimeUnit.NANOSECOND : TimeUnit.MICROSECOND,
                    withOffset ? "UTC" : null);
        }
        return DataType.UTF8;
    }
}
