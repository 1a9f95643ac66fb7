package dev.lightstream.transport;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded budget of bytes in flight: {@link #acquire(long)} blocks while taking the bytes would
 * put more than the limit in flight, {@link #release(long)} gives them back. It bounds the memory a
 * reader may hold ahead of whoever consumes what it reads (per connection, say), which turns a slow
 * consumer into a slow read, and a slow read into backpressure on the peer.
 *
 * {@snippet :
 * InFlightLimiter budget = new InFlightLimiter(64 << 20);       // 64 MiB per connection
 * budget.acquire(frameLength);                                    // waits while too much is queued
 * queue.put(frame);                                               // the consumer, once done with it:
 * budget.release(frameLength);
 * }
 *
 * <p><b>Order.</b> Waiters are served first come, first served: a large request is not starved by a
 * stream of small ones (and small ones wait behind it). A request for more than the limit could never
 * be served and is refused at once.
 *
 * <p><b>Interruption and close.</b> An interrupted waiter throws {@link InterruptedException} and
 * takes nothing. {@link #close()} wakes every waiter with {@link AsynchronousCloseException}, and
 * later acquisitions throw {@link ClosedChannelException} (both {@link java.io.IOException}s, as a
 * limiter is closed with its connection). Releases still count after a close, so cleanup code may
 * release what it holds.
 *
 * <p>Thread-safe.
 */
public final class InFlightLimiter implements AutoCloseable {
    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long inFlight;
    private boolean closed;

    private static final class Waiter {
        final long bytes;
        final Condition turn;

        Waiter(long bytes, Condition turn) {
            this.bytes = bytes;
            this.turn = turn;
        }
    }

    /**
     * A limiter allowing up to {@code limitBytes} in flight.
     *
     * @throws IllegalArgumentException if {@code limitBytes} is not positive
     */
    public InFlightLimiter(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes=" + limitBytes + " must be positive");
        }
        this.limit = limitBytes;
    }

    /**
     * Takes {@code bytes} from the budget, waiting (behind earlier waiters) until they fit.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative or over the limit
     * @throws InterruptedException if interrupted while waiting; nothing is taken
     * @throws AsynchronousCloseException if the limiter is closed while waiting
     * @throws ClosedChannelException if the limiter is closed
     */
    public void acquire(long bytes) throws InterruptedException, ClosedChannelException {
        acquire(bytes, -1);
    }

    /**
     * Takes {@code bytes} if they fit now and nobody is waiting before.
     *
     * @return true if taken
     * @throws IllegalArgumentException if {@code bytes} is negative or over the limit
     * @throws ClosedChannelException if the limiter is closed
     */
    public boolean tryAcquire(long bytes) throws ClosedChannelException {
        check(bytes);
        lock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (waiters.isEmpty() && fits(bytes)) {
                inFlight += bytes;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code bytes}, waiting at most {@code timeout}.
     *
     * @return true if taken, false if the time ran out (nothing taken)
     * @throws InterruptedException if interrupted while waiting; nothing is taken
     * @throws AsynchronousCloseException if the limiter is closed while waiting
     * @throws ClosedChannelException if the limiter is closed
     */
    public boolean tryAcquire(long bytes, Duration timeout) throws InterruptedException, ClosedChannelException {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        return acquire(bytes, nanos);
    }

    /** Waits {@code nanos} at most, or without limit when negative. */
    private boolean acquire(long bytes, long nanos) throws InterruptedException, ClosedChannelException {
        check(bytes);
        boolean timed = nanos >= 0;
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (waiters.isEmpty() && fits(bytes)) {
                inFlight += bytes;
                return true;
            }
            Waiter me = new Waiter(bytes, lock.newCondition());
            waiters.addLast(me);
            boolean served = false;
            try {
                while (!closed && !(waiters.peekFirst() == me && fits(bytes))) {
                    if (!timed) {
                        me.turn.await();
                    } else if (nanos <= 0) {
                        return false;
                    } else {
                        nanos = me.turn.awaitNanos(nanos);
                    }
                }
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                inFlight += bytes;
                served = true;
                return true;
            } finally {
                boolean wasHead = waiters.peekFirst() == me;
                waiters.remove(me);
                if (served || wasHead) {
                    signalHead(); // the next in line may fit too, or may have been waiting on us
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives {@code bytes} back to the budget, waking waiters that now fit.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     * @throws IllegalStateException if more would be released than is in flight
     */
    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes=" + bytes + " is negative");
        }
        lock.lock();
        try {
            if (bytes > inFlight) {
                throw new IllegalStateException("release of bytes=" + bytes + " exceeds inFlight=" + inFlight);
            }
            inFlight -= bytes;
            signalHead();
        } finally {
            lock.unlock();
        }
    }

    private void signalHead() {
        Waiter head = waiters.peekFirst();
        if (head != null && fits(head.bytes)) {
            head.turn.signal();
        }
    }

    private boolean fits(long bytes) {
        return bytes <= limit - inFlight;
    }

    private void check(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes=" + bytes + " is negative");
        }
        if (bytes > limit) {
            throw new IllegalArgumentException("bytes=" + bytes + " exceeds limit=" + limit + " and could never fit");
        }
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Bytes taken and not yet released. */
    public long inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The limit given at construction. */
    public long limit() {
        return limit;
    }

    /** Threads waiting in {@code acquire}. */
    public int waiting() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /** True once closed. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter with {@link AsynchronousCloseException} and refuses later acquisitions. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Waiter waiter : waiters) {
                waiter.turn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InFlightLimiter[inFlight=" + inFlight() + ", limit=" + limit + "]";
    }
}
