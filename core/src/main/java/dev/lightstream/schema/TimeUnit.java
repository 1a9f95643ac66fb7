package dev.lightstream.schema;

/** The resolution of time, timestamp and duration values. */
public enum TimeUnit {
    SECOND(1L),
    MILLISECOND(1_000L),
    MICROSECOND(1_000_000L),
    NANOSECOND(1_000_000_000L);

    private final long perSecond;

    TimeUnit(long perSecond) {
        this.perSecond = perSecond;
    }

    /** How many units make one second. */
    public long perSecond() {
        return perSecond;
    }
}
