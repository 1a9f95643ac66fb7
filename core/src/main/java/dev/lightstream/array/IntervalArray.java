package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.IntervalUnit;
import java.lang.foreign.MemorySegment;

/**
 * Calendar intervals: months (year-month), days and milliseconds (day-time), or months, days and
 * nanoseconds (month-day-nano). Accessors that a unit lacks return 0.
 */
public final class IntervalArray extends Array {
    private final MemorySegment values;
    private final IntervalUnit unit;

    IntervalArray(ArrayData data) {
        super(data);
        this.values = data.buffer(1);
        this.unit = ((DataType.Interval) data.type()).unit();
    }

    public IntervalUnit unit() {
        return unit;
    }

    private long base(int index) {
        checkIndex(index);
        return ((long) offset + index) * unit.byteWidth();
    }

    /** Months of a year-month or month-day-nano interval. */
    public int getMonths(int index) {
        long base = base(index);
        return unit == IntervalUnit.DAY_TIME ? 0 : values.get(LE.INT, base);
    }

    /** Days of a day-time or month-day-nano interval. */
    public int getDays(int index) {
        long base = base(index);
        return switch (unit) {
            case YEAR_MONTH -> 0;
            case DAY_TIME -> values.get(LE.INT, base);
            case MONTH_DAY_NANO -> values.get(LE.INT, base + 4);
        };
    }

    /** Milliseconds of a day-time interval. */
    public int getMillis(int index) {
        long base = base(index);
        return unit == IntervalUnit.DAY_TIME ? values.get(LE.INT, base + 4) : 0;
    }

    /** Nanoseconds of a month-day-nano interval. */
    public long getNanos(int index) {
        long base = base(index);
        return unit == IntervalUnit.MONTH_DAY_NANO ? values.get(LE.LONG, base + 8) : 0;
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    /**
     * The interval as a map of its unit's fields, in order: {@code {months}}, {@code {days,
     * milliseconds}} or {@code {months, days, nanoseconds}}.
     */
    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        java.util.Map<String, Number> map = new java.util.LinkedHashMap<>();
        if (unit != IntervalUnit.DAY_TIME) {
            map.put("months", getMonths(index));
        }
        if (unit != IntervalUnit.YEAR_MONTH) {
            map.put("days", getDays(index));
        }
        if (unit == IntervalUnit.DAY_TIME) {
            map.put("milliseconds", getMillis(index));
        }
        if (unit == IntervalUnit.MONTH_DAY_NANO) {
            map.put("nanoseconds", getNanos(index));
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
