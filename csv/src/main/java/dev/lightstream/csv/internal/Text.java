package dev.lightstream.csv.internal;

/**
 * Parsers of CSV field text straight from UTF-8 bytes, without making Strings: integers, floats,
 * plain decimals, ISO-8601 dates, times of day and timestamps. Each returns false when the text
 * does not have the form, and leaves its result in the fields of this object.
 */
final class Text {
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** The integer, double, or epoch value of the last successful parse. */
    long longValue;
    double doubleValue;
    /** For decimals: the number of digits before and after the point; for timestamps: whether an offset was given. */
    int integerDigits;
    int fractionDigits;
    boolean hasOffset;

    /** An optionally signed base-10 integer that fits a long. */
    boolean parseLong(byte[] a, int off, int len) {
        if (len == 0) {
            return false;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (a[i] == '-' || a[i] == '+') {
            negative = a[i] == '-';
            i++;
            if (i == end) {
                return false;
            }
        }
        long value = 0;
        for (; i < end; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // Accumulate negatively so that Long.MIN_VALUE fits.
            if (value < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return false;
            }
            value = -value;
        }
        longValue = value;
        return true;
    }

    /**
     * A floating-point number: {@code [+-](digits[.digits]|.digits)([eE][+-]digits)}, or nan, inf,
     * infinity (any case, signed). Short decimals are computed exactly here; others go through
     * {@link Double#parseDouble}, which rounds correctly.
     */
    boolean parseDouble(byte[] a, int off, int len) {
        if (len == 0) {
            return false;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (a[i] == '-' || a[i] == '+') {
            negative = a[i] == '-';
            i++;
        }
        if (i < end && (a[i] | 0x20) >= 'a' && (a[i] | 0x20) <= 'z') {
            return special(a, i, end, negative);
        }
        long mantissa = 0;
        int digits = 0;
        int intDigits = 0;
        int fracDigits = 0;
        boolean exact = true;
        for (; i < end && a[i] >= '0' && a[i] <= '9'; i++) {
            intDigits++;
            if (mantissa < 100_000_000_000_000_000L) {
                mantissa = mantissa * 10 + (a[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                exact = false;
            }
        }
        if (i < end && a[i] == '.') {
            i++;
            for (; i < end && a[i] >= '0' && a[i] <= '9'; i++) {
                fracDigits++;
                if (mantissa < 100_000_000_000_000_000L) {
                    mantissa = mantissa * 10 + (a[i] - '0');
                    digits++;
                } else {
                    exact = false;
                }
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        int exponent = 0;
        if (i < end && (a[i] == 'e' || a[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (a[i] == '-' || a[i] == '+')) {
                negativeExponent = a[i] == '-';
                i++;
            }
            int expDigits = 0;
            for (; i < end && a[i] >= '0' && a[i] <= '9'; i++) {
                expDigits++;
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (a[i] - '0');
                }
            }
            if (expDigits == 0) {
                return false;
            }
            exponent = negativeExponent ? -exponent : exponent;
            exact = false;
        }
        if (i != end) {
            return false;
        }
        if (exact && mantissa < (1L << 53) && fracDigits <= 22) {
            double v = fracDigits == 0 ? mantissa : mantissa / POWERS_OF_TEN[fracDigits];
            doubleValue = negative ? -v : v;
            return true;
        }
        doubleValue = Double.parseDouble(ascii(a, off, len));
        return true;
    }

    private boolean special(byte[] a, int i, int end, boolean negative) {
        String word = ascii(a, i, end - i).toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "nan" -> doubleValue = Double.NaN;
            case "inf", "infinity" -> doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * A plain decimal {@code [+-]digits[.digits]} (no exponent); sets {@link #integerDigits}
     * (without leading zeros) and {@link #fractionDigits}.
     */
    boolean scanDecimal(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        if (i < end && (a[i] == '-' || a[i] == '+')) {
            i++;
        }
        int intDigits = 0;
        boolean leading = true;
        int start = i;
        for (; i < end && a[i] >= '0' && a[i] <= '9'; i++) {
            if (leading && a[i] == '0') {
                continue;
            }
            leading = false;
            intDigits++;
        }
        int totalInt = i - start;
        int frac = 0;
        if (i < end && a[i] == '.') {
            i++;
            for (; i < end && a[i] >= '0' && a[i] <= '9'; i++) {
                frac++;
            }
        }
        if (i != end || totalInt + frac == 0) {
            return false;
        }
        integerDigits = intDigits;
        fractionDigits = frac;
        return true;
    }

    /** {@code YYYY-MM-DD} (the year optionally signed, 4 to 12 digits): sets {@link #longValue} to days since the epoch. */
    boolean parseDate(byte[] a, int off, int len) {
        int end = off + len;
        int i = off;
        boolean negative = false;
        if (i < end && (a[i] == '-' || a[i] == '+')) {
            negative = a[i] == '-';
            i++;
        }
        int yearStart = i;
        long year = 0;
        while (i < end && a[i] >= '0' && a[i] <= '9' && i - yearStart < 12) {
            year = year * 10 + (a[i++] - '0');
        }
        if (i - yearStart < 4 || i + 6 != end || a[i] != '-' || a[i + 3] != '-') {
            return false;
        }
        int month = twoDigits(a, i + 1);
        int day = twoDigits(a, i + 4);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(negative ? -year : year, month)) {
            return false;
        }
        longValue = epochDay(negative ? -year : year, month, day);
        return true;
    }

    /** {@code HH:MM[:SS[.fraction]]}: sets {@link #longValue} to nanoseconds since midnight. */
    boolean parseTime(byte[] a, int off, int len) {
        return time(a, off, off + len) == off + len;
    }

    /** The end of a time of day at {@code i}, or -1; the nanoseconds of the day go to {@link #longValue}. */
    private int time(byte[] a, int i, int end) {
        if (end - i < 5 || a[i + 2] != ':') {
            return -1;
        }
        int hour = twoDigits(a, i);
        int minute = twoDigits(a, i + 3);
        int second = 0;
        long nanos = 0;
        i += 5;
        if (i < end && a[i] == ':') {
            if (end - i < 3) {
                return -1;
            }
            second = twoDigits(a, i + 1);
            i += 3;
            if (i < end && (a[i] == '.' || a[i] == ',')) {
                i++;
                int digits = 0;
                while (i < end && a[i] >= '0' && a[i] <= '9') {
                    if (digits < 9) {
                        nanos = nanos * 10 + (a[i] - '0');
                    } else if (a[i] != '0') {
                        return -1; // more precision than nanoseconds
                    }
                    digits++;
                    i++;
                }
                if (digits == 0) {
                    return -1;
                }
                fractionDigits = digits;
                for (int k = Math.min(digits, 9); k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        longValue = ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + nanos;
        return i;
    }

    /**
     * An ISO-8601 timestamp: a date, {@code T} or a space, a time of day, and optionally {@code Z} or
     * an offset {@code +HH}, {@code +HH:MM}, {@code +HHMM}. Sets {@link #longValue} to seconds since the
     * epoch in UTC (the offset applied), {@link #doubleValue} unused, the nanoseconds of the second in
     * {@link #integerDigits}, and {@link #hasOffset}. A date alone is midnight.
     */
    boolean parseTimestamp(byte[] a, int off, int len) {
        int end = off + len;
        int sep = off;
        while (sep < end && a[sep] != 'T' && a[sep] != 't' && a[sep] != ' ') {
            sep++;
        }
        fractionDigits = 0;
        if (!parseDate(a, off, sep - off)) {
            return false;
        }
        long days = longValue;
        hasOffset = false;
        if (sep == end) {
            longValue = days * 86_400;
            integerDigits = 0;
            return true;
        }
        int i = time(a, sep + 1, end);
        if (i < 0) {
            return false;
        }
        long nanosOfDay = longValue;
        long offsetSeconds = 0;
        if (i < end) {
            if ((a[i] == 'Z' || a[i] == 'z') && i + 1 == end) {
                hasOffset = true;
            } else if (a[i] == '+' || a[i] == '-') {
                int sign = a[i] == '-' ? -1 : 1;
                int rest = end - i - 1;
                int hours;
                int minutes = 0;
                if (rest == 2) {
                    hours = twoDigits(a, i + 1);
                } else if (rest == 4) {
                    hours = twoDigits(a, i + 1);
                    minutes = twoDigits(a, i + 3);
                } else if (rest == 5 && a[i + 3] == ':') {
                    hours = twoDigits(a, i + 1);
                    minutes = twoDigits(a, i + 4);
                } else {
                    return false;
                }
                if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                    return false;
                }
                offsetSeconds = sign * (hours * 3600L + minutes * 60L);
                hasOffset = true;
            } else {
                return false;
            }
        }
        longValue = days * 86_400 + nanosOfDay / 1_000_000_000L - offsetSeconds;
        integerDigits = (int) (nanosOfDay % 1_000_000_000L);
        return true;
    }

    private static int twoDigits(byte[] a, int i) {
        int h = a[i] - '0';
        int l = a[i + 1] - '0';
        if (h < 0 || h > 9 || l < 0 || l > 9) {
            return -1;
        }
        return h * 10 + l;
    }

    static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
    static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static String ascii(byte[] a, int off, int len) {
        return new String(a, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** True if the bytes are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
    static boolean isUtf8(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = a[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min = 0x80;
            int max = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = b == 0xE0 ? 0xA0 : 0x80;
                max = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = b == 0xF0 ? 0x90 : 0x80;
                max = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (end - i <= need) {
                return false;
            }
            int second = a[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int next = a[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }
}
