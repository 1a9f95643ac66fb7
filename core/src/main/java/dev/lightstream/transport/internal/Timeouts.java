package dev.lightstream.transport.internal;

import java.time.Duration;
import java.util.Objects;

/** Checks and converts the timeouts callers give: non-negative, {@link Duration#ZERO} for none. */
public final class Timeouts {
    private Timeouts() {}

    /**
     * The timeout in nanoseconds, saturated at {@link Long#MAX_VALUE}.
     *
     * @throws IllegalArgumentException if it is negative
     */
    public static long toNanos(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(what + "=" + timeout + " is negative");
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The timeout in milliseconds, rounded up, saturated at {@link Integer#MAX_VALUE}; 0 for none. */
    public static int toMillisRoundedUp(Duration timeout, String what) {
        long nanos = toNanos(timeout, what);
        long millis = nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}
