package dev.lightstream.cli.text;

import dev.lightstream.array.IntervalArray;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.TimeUnit;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Dates, times, timestamps, durations and intervals as people read them (see {@link ValueText}).
 * A value the calendar cannot hold is shown as its number and unit, never as an error.
 */
final class Temporal {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Temporal() {}

    static String date32(int days) {
        return LocalDate.ofEpochDay(days).toString();
    }

    /** Milliseconds since the epoch; the time of day is shown only when it is not midnight. */
    static String date64(long millis) {
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        long rest = Math.floorMod(millis, MILLIS_PER_DAY);
        try {
            String date = LocalDate.ofEpochDay(days).toString();
            return rest == 0 ? date : date + " " + timeOfDay(rest * 1_000_000L, TimeUnit.MILLISECOND);
        } catch (DateTimeException e) {
            return millis + "ms";
        }
    }

    /** Time since midnight in {@code unit}; values outside a day fall back to the number. */
    static String time(long value, TimeUnit unit) {
        long nanosPerUnit = 1_000_000_000L / unit.perSecond();
        if (value < 0 || value >= 86_400L * unit.perSecond()) {
            return value + suffix(unit);
        }
        return timeOfDay(value * nanosPerUnit, unit);
    }

    /**
     * A count of {@code unit} since the epoch: local date and time without a zone; with one, the
     * date and time in that zone and its offset ({@code Z} for UTC).
     */
    static String timestamp(long value, TimeUnit unit, String timezone) {
        long seconds = Math.floorDiv(value, unit.perSecond());
        long nanos = Math.floorMod(value, unit.perSecond()) * (1_000_000_000L / unit.perSecond());
        try {
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            if (timezone == null) {
                LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                return local.toLocalDate() + " " + timeOfDay(local.toLocalTime().toNanoOfDay(), unit);
            }
            ZoneId zone = zone(timezone);
            ZonedDateTime zoned = instant.atZone(zone);
            String offset = zoned.getOffset().getId();
            return zoned.toLocalDate() + " " + timeOfDay(zoned.toLocalTime().toNanoOfDay(), unit) + offset;
        } catch (DateTimeException | ArithmeticException e) {
            return value + suffix(unit) + (timezone == null ? "" : " " + timezone);
        }
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            // An unknown zone name: the instant is still right, shown in UTC.
            return ZoneOffset.UTC;
        }
    }

    /** ISO 8601: {@code PT1H30M}, {@code PT-0.5S}. */
    static String duration(long value, TimeUnit unit) {
        ChronoUnit chrono = switch (unit) {
            case SECOND -> ChronoUnit.SECONDS;
            case MILLISECOND -> ChronoUnit.MILLIS;
            case MICROSECOND -> ChronoUnit.MICROS;
            case NANOSECOND -> ChronoUnit.NANOS;
        };
        try {
            return Duration.of(value, chrono).toString();
        } catch (ArithmeticException | DateTimeException e) {
            return value + suffix(unit);
        }
    }

    /** ISO 8601: {@code P1Y2M} (year-month), {@code P3DT0.5S} (day-time), {@code P1M2DT0.000000003S}. */
    static String interval(IntervalArray a, int index) {
        IntervalUnit unit = a.unit();
        return switch (unit) {
            case YEAR_MONTH -> Period.ofMonths(a.getMonths(index)).normalized().toString();
            case DAY_TIME -> period(0, a.getDays(index), Duration.ofMillis(a.getMillis(index)));
            case MONTH_DAY_NANO -> period(a.getMonths(index), a.getDays(index), Duration.ofNanos(a.getNanos(index)));
        };
    }

    private static String period(int months, int days, Duration time) {
        Period period = Period.of(0, months, days).normalized();
        if (time.isZero()) {
            return period.toString();
        }
        String t = time.toString().substring(1); // "PT0.5S" -> "T0.5S"
        return (period.isZero() ? "P" : period.toString()) + t;
    }

    /** {@code HH:mm:ss} and the fraction digits of {@code unit}. */
    private static String timeOfDay(long nanoOfDay, TimeUnit unit) {
        LocalTime time = LocalTime.ofNanoOfDay(nanoOfDay);
        StringBuilder sb = new StringBuilder(18);
        two(sb, time.getHour()).append(':');
        two(sb, time.getMinute()).append(':');
        two(sb, time.getSecond());
        int digits = switch (unit) {
            case SECOND -> 0;
            case MILLISECOND -> 3;
            case MICROSECOND -> 6;
            case NANOSECOND -> 9;
        };
        if (digits > 0) {
            String nanos = Integer.toString(1_000_000_000 + time.getNano()).substring(1);
            sb.append('.').append(nanos, 0, digits);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int value) {
        return sb.append(value < 10 ? "0" : "").append(value);
    }

    private static String suffix(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}
