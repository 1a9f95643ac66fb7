package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Flow.Subscriber} that writes the batches it receives to a {@link BatchWriter} (a network
 * stream, an IPC file or stream), closing each once written: the reactive way into a writer, with
 * demand driven by how fast the writer goes.
 *
 * {@snippet :
 * BatchSubscriber subscriber = new BatchSubscriber(
 *         NetTableWriter.connect(endpoint, schema, allocator, options), 16 << 20);
 * publisher.subscribe(subscriber);
 * long written = subscriber.completion().get();   // the stream is finished and the writer closed
 * }
 *
 * <p><b>Demand.</b> Writes run on a virtual thread of the subscriber's own, so {@code onNext} never
 * blocks the publisher: it queues the batch. The subscriber asks for one batch at a time, and only
 * while the bytes of the batches received and not yet written stay under {@code inFlightBytes}; once
 * they reach it, the next request waits until writes complete. So a writer that blocks (a slow
 * network peer) stops the demand, and the queue holds less than {@code inFlightBytes} plus one batch.
 *
 * <p><b>Ends.</b> On {@code onComplete} the queued batches are written, then the writer is
 * {@linkplain BatchWriter#finish() finished} and closed, and {@link #completion()} completes with the
 * number of batches written. On {@code onError}, or if a write fails (then the subscription is
 * cancelled), the queued batches are closed unwritten, the writer is {@linkplain BatchWriter#abort()
 * aborted} (left visibly incomplete) and {@link #completion()} fails with that error. Batches that
 * arrive after a cancel are closed at once. The subscriber owns the writer from construction.
 *
 * <p>Calls to {@code request} and {@code cancel} are serialized (rule 2.7); none is made from
 * {@code onComplete} or {@code onError} (rule 2.3). A second {@code onSubscribe} is cancelled (rule 2.5).
 */
public final class BatchSubscriber implements Flow.Subscriber<RecordBatch> {
    private record Queued(RecordBatch batch, long bytes) {}

    private final BatchWriter writer;
    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock calls = new ReentrantLock();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final CompletableFuture<Long> completion = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean subscribed;
    private boolean requested;
    private boolean completed;
    private boolean stopped;
    private Throwable upstreamError;
    private long inFlight;
    private long peakInFlight;
    private long written;

    /**
     * A subscriber writing to {@code writer}, which it now owns.
     *
     * @param inFlightBytes the bytes of received, unwritten batches at which demand stops
     * @throws IllegalArgumentException if {@code inFlightBytes} is not positive
     */
    public BatchSubscriber(BatchWriter writer, long inFlightBytes) {
        this.writer = Objects.requireNonNull(writer, "writer");
        if (inFlightBytes <= 0) {
            throw new IllegalArgumentException("inFlightBytes=" + inFlightBytes + " must be positive");
        }
        this.limit = inFlightBytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        lock.lock();
        try {
            if (subscribed) {
                s.cancel(); // rule 2.5
                return;
            }
            subscribed = true;
            subscription = s;
            requested = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("lightstream-subscriber").start(this::writeLoop);
        call(true);
    }

    @Override
    public void onNext(RecordBatch batch) {
        Objects.requireNonNull(batch, "batch");
        boolean more;
        lock.lock();
        try {
            if (stopped) {
                batch.close(); // cancelled: nobody will write it
                return;
            }
            long bytes = BatchBytes.of(batch);
            queue.add(new Queued(batch, bytes));
            inFlight += bytes;
            peakInFlight = Math.max(peakInFlight, inFlight);
            requested = false;
            more = wantsMoreLocked();
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (more) {
            call(true);
        }
    }

    @Override
    public void onError(Throwable error) {
        Objects.requireNonNull(error, "error");
        lock.lock();
        try {
            if (upstreamError == null && !completed) {
                upstreamError = error;
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            completed = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Completes with the number of batches written once the stream is finished and the writer
     * closed; fails with the upstream error or the write failure otherwise.
     */
    public CompletableFuture<Long> completion() {
        return completion;
    }

    /** Bytes of batches received and not yet written, now. */
    public long inFlightBytes() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes that were in flight at once. */
    public long peakInFlightBytes() {
        lock.lock();
        try {
            return peakInFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The limit given at construction. */
    public long inFlightLimit() {
        return limit;
    }

    /** Asks for one more when none is outstanding, the stream goes on and the budget is not spent. */
    private boolean wantsMoreLocked() {
        if (requested || stopped || completed || upstreamError != null || inFlight >= limit) {
            return false;
        }
        requested = true;
        return true;
    }

    /** Requests one batch, or cancels; serialized, and never under {@link #lock}. */
    private void call(boolean request) {
        calls.lock();
        try {
            if (request) {
                subscription.request(1);
            } else {
                subscription.cancel();
            }
        } finally {
            calls.unlock();
        }
    }

    private void writeLoop() {
        Throwable failure = null;
        try {
            while (true) {
                Queued next;
                lock.lock();
                try {
                    while (queue.isEmpty() && !completed && upstreamError == null) {
                        changed.await();
                    }
                    if (upstreamError != null) {
                        failure = upstreamError;
                        break;
                    }
                    next = queue.poll();
                    if (next == null) {
                        break; // completed and drained
                    }
                } finally {
                    lock.unlock();
                }
                try {
                    writer.write(next.batch());
                } finally {
                    next.batch().close();
                }
                boolean more;
                lock.lock();
                try {
                    inFlight -= next.bytes();
                    written++;
                    more = wantsMoreLocked();
                } finally {
                    lock.unlock();
                }
                if (more) {
                    call(true);
                }
            }
            if (failure == null) {
                writer.finish();
                writer.close();
            }
        } catch (Throwable t) {
            failure = t;
            call(false); // the write failed: stop the publisher (rule 2.7 serialized)
        } finally {
            lock.lock();
            try {
                stopped = true;
                for (Queued queued; (queued = queue.poll()) != null; ) {
                    queued.batch().close();
                }
                inFlight = 0;
            } finally {
                lock.unlock();
            }
            if (failure != null) {
                writer.abort();
                completion.completeExceptionally(failure);
            } else {
                completion.complete(written);
            }
        }
    }

    @Override
    public String toString() {
        return "BatchSubscriber[limit=" + limit + ", inFlight=" + inFlightBytes() + ", " + writer + "]";
    }
}
