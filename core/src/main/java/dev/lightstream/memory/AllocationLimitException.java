package dev.lightstream.memory;

/**
 * Raised when an allocation would take an allocator over its configured limit.
 *
 * <p>It is a {@link RuntimeException}: the limit is the caller's configuration, and a reader that
 * meets it while decoding wraps it in an {@link java.io.IOException} of its own.
 */
public final class AllocationLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long allocated;
    private final long limit;

    public AllocationLimitException(long requested, long allocated, long limit) {
        super("allocation of " + requested + " bytes refused: allocated=" + allocated + " limit=" + limit);
        this.requested = requested;
        this.allocated = allocated;
        this.limit = limit;
    }

    /** Bytes asked for, after padding. */
    public long requested() {
        return requested;
    }

    /** Bytes live in the allocator when the request came. */
    public long allocated() {
        return allocated;
    }

    /** The allocator's limit. */
    public long limit() {
        return limit;
    }
}
