package dev.lightstream.integration;

import dev.lightstream.array.ArrayData;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.DateUnit;
import java.math.BigInteger;
import java.util.Set;

/**
 * Checks that values are valid for their type, as Arrow C++'s full validation does for the
 * integration harness: decimals fit their precision, date64 values are whole days, time values
 * lie within a day. Each check can be waived by a {@link Quirk}. Only non-null slots are checked.
 */
final class ValueValidator {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final Set<Quirk> quirks;

    ValueValidator(Set<Quirk> quirks) {
        this.quirks = quirks;
    }

    /** The first invalid value of an array or of its children (not of its dictionary). */
    record Invalid(String path, long position, boolean topLevel, String detail) {}

    Invalid firstInvalid(ArrayData data, String path) {
        return check(data, path, true);
    }

    private Invalid check(ArrayData data, String path, boolean topLevel) {
        DataType type = Types.storage(data.type());
        String problem = null;
        for (int i = 0; i < data.length() && problem == null; i++) {
            if (!Slots.validBit(data, i)) {
                continue;
            }
            problem = switch (type) {
                case DataType.Decimal d when !quirks.contains(Quirk.NO_DECIMAL_VALIDATE) -> {
                    BigInteger unscaled = ArrayComparator.decimal(data, i, d.byteWidth());
                    yield unscaled.abs().compareTo(BigInteger.TEN.pow(d.precision())) >= 0
                            ? "decimal " + unscaled + " does not fit precision " + d.precision() : null;
                }
                case DataType.Date d when d.unit() == DateUnit.MILLISECOND && !quirks.contains(Quirk.NO_DATE64_VALIDATE) -> {
                    long v = Slots.integer(data, 1, i, 8);
                    yield v % MILLIS_PER_DAY != 0 ? "date64 " + v + " is not a whole number of days" : null;
                }
                case DataType.Time t when !quirks.contains(Quirk.NO_TIMES_VALIDATE) -> {
                    long v = Slots.integer(data, 1, i, t.bitWidth() / 8);
                    long max = 86_400L * t.unit().perSecond();
                    yield v < 0 || v >= max ? "time " + v + " is outside 0.." + (max - 1) : null;
                }
                default -> null;
            };
            if (problem != null) {
                return new Invalid(path, i, topLevel, problem);
            }
        }
        if (type instanceof DataType.Dictionary) {
            return null; // dictionaries are validated once, by id
        }
        var fields = type.children();
        for (int c = 0; c < data.children().size(); c++) {
            String childPath = path + "." + (c < fields.size() ? fields.get(c).name() : Integer.toString(c));
            Invalid invalid = check(data.child(c), childPath, false);
            if (invalid != null) {
                return invalid;
            }
        }
        return null;
    }
}
