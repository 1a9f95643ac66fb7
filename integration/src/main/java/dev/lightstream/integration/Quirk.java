package dev.lightstream.integration;

import java.util.EnumSet;
import java.util.Set;

/**
 * Leniencies for gold files written by old Arrow versions, as archery grants them: without a
 * quirk the comparator also checks that values are valid for their type.
 *
 * {@snippet :
 * IntegrationComparator comparator = IntegrationComparator.withQuirks(Quirk.forGoldFolder("1.0.0-littleendian"));
 * }
 */
public enum Quirk {
    /** Do not check that decimal values fit their precision (ARROW-13558: old generators overflowed it). */
    NO_DECIMAL_VALIDATE,
    /** Do not check that date64 values are whole days (multiples of 86,400,000 ms). */
    NO_DATE64_VALIDATE,
    /** Do not check that time32 and time64 values lie within one day. */
    NO_TIMES_VALIDATE;

    /**
     * The quirks archery applies to a gold folder: all three for {@code 0.14.1}, {@code 0.17.1},
     * {@code 1.0.0-bigendian} and {@code 1.0.0-littleendian}, none for the others.
     */
    public static Set<Quirk> forGoldFolder(String folder) {
        return switch (folder) {
            case "0.14.1", "0.17.1", "1.0.0-bigendian", "1.0.0-littleendian" -> EnumSet.allOf(Quirk.class);
            default -> EnumSet.noneOf(Quirk.class);
        };
    }
}
