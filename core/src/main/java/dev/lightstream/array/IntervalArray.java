package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.List;

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

    /** A builder of intervals of {@code unit}. */
    public static Builder builder(BufferAllocator allocator, IntervalUnit unit) {
        return new Builder(allocator, DataType.interval(unit));
    }

    /**
     * A builder of intervals of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not an {@link DataType.Interval}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Interval i)) {
            throw new IllegalArgumentException(type + " is not an interval type");
        }
        return new Builder(allocator, i);
    }

    /**
     * Builds {@link IntervalArray}s with the append method of the unit; {@link #appendObject}
     * takes the map {@link IntervalArray#getObject} returns (absent keys count as 0).
     *
     * {@snippet :
     * IntervalArray spans = IntervalArray.builder(allocator, IntervalUnit.MONTH_DAY_NANO)
     *         .appendMonthDayNano(1, 15, 3_600_000_000_000L)
     *         .build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;
        private final IntervalUnit unit;

        Builder(BufferAllocator allocator, DataType.Interval type) {
            super(allocator, type, true);
            this.values = new BufferBuilder(allocator);
            this.unit = type.unit();
        }

        private void checkUnit(IntervalUnit expected) {
            if (unit != expected) {
                throw new IllegalStateException("builder of " + type + " cannot append a " + expected + " interval");
            }
        }

        /** Appends a year-month interval. */
        public Builder appendYearMonth(int months) {
            checkUnit(IntervalUnit.YEAR_MONTH);
            checkAppend();
            values.appendInt(months);
            markValid();
            return this;
        }

        /** Appends a day-time interval. */
        public Builder appendDayTime(int days, int milliseconds) {
            checkUnit(IntervalUnit.DAY_TIME);
            checkAppend();
            values.appendInt(days);
            values.appendInt(milliseconds);
            markValid();
            return this;
        }

        /** Appends a month-day-nano interval. */
        public Builder appendMonthDayNano(int months, int days, long nanoseconds) {
            checkUnit(IntervalUnit.MONTH_DAY_NANO);
            checkAppend();
            values.appendInt(months);
            values.appendInt(days);
            values.appendLong(nanoseconds);
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(unit.byteWidth());
            markNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof java.util.Map<?, ?> map)) {
                throw cannotAppend(value);
            }
            for (Object key : map.keySet()) {
                if (!allowedKeys().contains(key)) {
                    throw new IllegalArgumentException("interval field " + key + " is not one of " + allowedKeys()
                            + " of " + type);
                }
            }
            return switch (unit) {
                case YEAR_MONTH -> appendYearMonth(intField(map, "months"));
                case DAY_TIME -> appendDayTime(intField(map, "days"), intField(map, "milliseconds"));
                case MONTH_DAY_NANO -> appendMonthDayNano(intField(map, "months"), intField(map, "days"),
                        JavaValues.integralBits(orZero(map.get("nanoseconds")), DataType.INT64, 64));
            };
        }

        private java.util.Set<String> allowedKeys() {
            return switch (unit) {
                case YEAR_MONTH -> java.util.Set.of("months");
                case DAY_TIME -> java.util.Set.of("days", "milliseconds");
                case MONTH_DAY_NANO -> java.util.Set.of("months", "days", "nanoseconds");
            };
        }

        private static int intField(java.util.Map<?, ?> map, String key) {
            return (int) JavaValues.integralBits(orZero(map.get(key)), DataType.INT32, 32);
        }

        private static Object orZero(Object value) {
            return value == null ? 0 : value;
        }

        @Override
        public IntervalArray build() {
            return (IntervalArray) super.build();
        }

        @Override
        public IntervalArray build(List<MemoryBlock> owner) {
            return (IntervalArray) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap, values.finish(owner)}, List.of(), null);
        }

        @Override
        void releaseBuffers() {
            values.close();
        }

        @Override
        void appendFiller() {
            checkAppend();
            values.appendZeros(unit.byteWidth());
            markValid();
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof java.util.Map<?, ?> map && allowedKeys().containsAll(map.keySet())
                    && map.values().stream().allMatch(JavaValues::isIntegral);
        }
    }
}
