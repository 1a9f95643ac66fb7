package dev.lightstream.net;

import dev.lightstream.transport.InFlightLimiter;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of one stream being sent to one client by a serving {@link TableServer} (or by
 * {@link TableServer#send}): a live view for monitoring, and the evidence that backpressure holds
 * (the bytes in flight never exceed the limit).
 *
 * {@snippet :
 * for (Transfer transfer : server.transfers()) {
 *     log(transfer.remote() + ": " + transfer.batchesSent() + " batches, "
 *             + transfer.inFlightBytes() + "/" + transfer.inFlightLimit() + " bytes in flight"
 *             + (transfer.isWaitingForBudget() ? " (client is slow)" : ""));
 * }
 * }
 *
 * <p>In flight means read from the source and not yet written to the connection: the read-ahead
 * queue plus the batch being written. The reading thread holds at most one more batch, the one
 * waiting for budget.
 */
public final class Transfer {
    private final SocketAddress remote;
    private final InFlightLimiter limiter;
    private final AtomicLong batchesRead = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong peakInFlight = new AtomicLong();
    private volatile long bytesSent;
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    private volatile boolean waitingForBudget;
    private volatile boolean done;
    private volatile Throwable failure;

    Transfer(SocketAddress remote, InFlightLimiter limiter) {
        this.remote = remote;
        this.limiter = limiter;
    }

    /** The client. */
    public SocketAddress remote() {
        return remote;
    }

    /** Batches read from the source so far. */
    public long batchesRead() {
        return batchesRead.get();
    }

    /** Batches written to the connection so far. */
    public long batchesSent() {
        return batchesSent.get();
    }

    /** Bytes written to the connection so far (IPC framing included). */
    public long bytesSent() {
        return bytesSent;
    }

    /** Bytes of batches read and not yet written, now. */
    public long inFlightBytes() {
        return limiter.inFlight();
    }

    /** The most bytes that were in flight at once. */
    public long peakInFlightBytes() {
        return peakInFlight.get();
    }

    /** The limit on bytes in flight. */
    public long inFlightLimit() {
        return limiter.limit();
    }

    /**
     * True while the reading side waits for the writing side to free budget: the client reads slower
     * than the source is read.
     */
    public boolean isWaitingForBudget() {
        return waitingForBudget;
    }

    /** True once the transfer has ended, completely or not. */
    public boolean isDone() {
        return done;
    }

    /** What ended the transfer early, once it is done; empty while it runs or if it completed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Nanoseconds from the start of the transfer to its end, or to now while it runs. */
    public long elapsedNanos() {
        return (done ? endNanos : System.nanoTime()) - startNanos;
    }

    void read() {
        batchesRead.incrementAndGet();
    }

    void acquired() {
        peakInFlight.accumulateAndGet(limiter.inFlight(), Math::max);
    }

    void waiting(boolean waiting) {
        waitingForBudget = waiting;
    }

    void sent(long totalBytes) {
        bytesSent = totalBytes;
        batchesSent.incrementAndGet();
    }

    void done(long totalBytes) {
        bytesSent = totalBytes;
        endNanos = System.nanoTime();
        done = true;
    }

    void failed(Throwable error) {
        failure = error;
    }

    @Override
    public String toString() {
        return "Transfer[" + remote + ", read=" + batchesRead() + ", sent=" + batchesSent() + ", bytes=" + bytesSent
                + ", inFlight=" + inFlightBytes() + "/" + inFlightLimit() + (waitingForBudget ? ", waiting" : "")
                + (done ? (failure != null ? ", failed" : ", done") : "") + "]";
    }
}
