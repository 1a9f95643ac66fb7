package dev.lightstream.transport.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an action (closing a channel, usually) if the guarded operation has not finished within a
 * time: the way to bound a blocking operation that has no timeout of its own, where giving up
 * means closing anyway (a TLS handshake, a pipe read, a farewell write to a stalled peer).
 *
 * {@snippet :
 * try (Watchdog watchdog = Watchdog.start(Duration.ofSeconds(10), channel::close)) {
 *     handshake();
 * } catch (AsynchronousCloseException e) {
 *     if (watchdog.fired()) throw new SocketTimeoutException("handshake timed out");
 * }
 * }
 *
 * <p>Each watchdog parks one virtual thread; {@link #close()} wakes and ends it.
 */
public final class Watchdog implements AutoCloseable {
    private static final int ARMED = 0;
    private static final int CANCELLED = 1;
    private static final int FIRED = 2;

    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final Thread thread;

    private Watchdog(long nanos, ThrowingAction action) {
        this.thread = Thread.ofVirtual().name("lightstream-watchdog").unstarted(() -> {
            long deadline = System.nanoTime() + nanos;
            for (long left = nanos; left > 0 && state.get() == ARMED; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            if (state.compareAndSet(ARMED, FIRED)) {
                try {
                    action.run();
                } catch (Exception ignored) {
                    // The guarded operation reports the failure it then meets.
                }
            }
        });
    }

    /** An action that may throw, such as {@link java.io.Closeable#close()}. */
    @FunctionalInterface
    public interface ThrowingAction {
        void run() throws Exception;
    }

    /**
     * Starts a watchdog that runs {@code action} after {@code timeout} unless closed first.
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static Watchdog start(Duration timeout, ThrowingAction action) {
        long nanos = Timeouts.toNanos(timeout, "timeout");
        if (nanos == 0) {
            throw new IllegalArgumentException("timeout=" + timeout + " must be positive");
        }
        Watchdog watchdog = new Watchdog(nanos, action);
        watchdog.thread.start();
        return watchdog;
    }

    /** True if the time ran out and the action ran (or is running). */
    public boolean fired() {
        return state.get() == FIRED;
    }

    /** Disarms the watchdog if it has not fired; returns without waiting for a running action. */
    @Override
    public void close() {
        if (state.compareAndSet(ARMED, CANCELLED)) {
            LockSupport.unpark(thread);
        }
    }
}
