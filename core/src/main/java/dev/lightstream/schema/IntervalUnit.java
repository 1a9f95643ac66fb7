package dev.lightstream.schema;

/** The three interval layouts of Arrow. */
public enum IntervalUnit {
    /** Months, one int32. */
    YEAR_MONTH(4),
    /** Days and milliseconds, two int32. */
    DAY_TIME(8),
    /** Months and days (int32 each) and nanoseconds (int64). */
    MONTH_DAY_NANO(16);

    private final int byteWidth;

    IntervalUnit(int byteWidth) {
        this.byteWidth = byteWidth;
    }

    /** Bytes per value. */
    public int byteWidth() {
        return byteWidth;
    }
}
