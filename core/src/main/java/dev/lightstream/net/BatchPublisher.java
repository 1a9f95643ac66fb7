package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Flow.Publisher} of the batches of one {@link BatchReader} (an IPC stream or file, a
 * network stream), read on demand: a reactive view of a reader, for one subscriber.
 *
 * {@snippet :
 * BatchPublisher publisher = new BatchPublisher(NetTableReader.connect(endpoint, allocator, options), 2);
 * publisher.subscribe(new Flow.Subscriber<>() {
 *     private Flow.Subscription subscription;
 *     public void onSubscribe(Flow.Subscription s) { subscription = s; s.request(1); }
 *     public void onNext(RecordBatch batch) {
 *         try (RecordBatch b = batch) {                 // each batch belongs to the subscriber, which closes it
 *             process(batch);
 *         }
 *         subscription.request(1);
 *     }
 *     public void onError(Throwable error) { ... }
 *     public void onComplete() { ... }
 * });
 * }
 *
 * <p><b>Demand.</b> The reader runs on a virtual thread of its own and reads a batch only while the
 * batches read and not yet delivered number fewer than the outstanding demand plus
 * {@code prefetch}: it never reads more than {@code prefetch} batches ahead of what was requested
 * (with a prefetch of 0, it reads only what was requested). Signals come from that thread, one at a
 * time; {@code request} and {@code cancel} only record what they ask and wake it, so they may be
 * called from anywhere, {@code onNext} included, without reentrancy.
 *
 * <p><b>Ends.</b> The end of the reader is {@code onComplete}, a failure of the reader
 * {@code onError} (each at most once, and never after {@code cancel}). {@code cancel} makes the
 * reader {@linkplain BatchReader#abort() abort} a read in progress (a network reader closes its
 * connection); either way the reading thread then closes the batches read and not delivered, and the
 * reader. {@link #closed()} completes once that is done.
 *
 * <p>A batch passed to {@code onNext} belongs to the subscriber, which must close it. If
 * {@code onNext} throws (which the Reactive Streams rules forbid), the subscription is cancelled,
 * the batch closed, and {@link #closed()} completes with that exception. The reader can be read
 * once, so the publisher takes one subscriber: later ones get {@code onError(IllegalStateException)}.
 */
public final class BatchPublisher implements Flow.Publisher<RecordBatch> {
    private static final System.Logger LOG = System.getLogger(BatchPublisher.class.getName());

    private final BatchReader reader;
    private final int prefetch;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    /** A publisher of {@code reader}'s batches with a prefetch of 1, which takes over the reader. */
    public BatchPublisher(BatchReader reader) {
        this(reader, 1);
    }

    /**
     * A publisher of {@code reader}'s batches, which takes over the reader.
     *
     * @param prefetch how many batches the reader may read ahead of demand (0 or more)
     * @throws IllegalArgumentException if {@code prefetch} is negative
     */
    public BatchPublisher(BatchReader reader, int prefetch) {
        this.reader = Objects.requireNonNull(reader, "reader");
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch=" + prefetch + " is negative");
        }
        this.prefetch = prefetch;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super RecordBatch> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException("this publisher takes one subscriber: its reader reads once"));
            return;
        }
        Subscription subscription = new Subscription(subscriber);
        try {
            subscriber.onSubscribe(subscription);
        } catch (Throwable t) {
            // Rule 2.13: a subscriber that throws is cancelled; nothing was read yet.
            subscription.cancel();
            LOG.log(System.Logger.Level.WARNING, "onSubscribe threw; subscription cancelled", t);
        }
        // Started after onSubscribe returned, so that no signal overlaps it.
        Thread.ofVirtual().name("lightstream-publisher").start(subscription::run);
    }

    /**
     * Completes once the reader and every batch read and not delivered are closed: after
     * {@code onComplete}, {@code onError} or a cancel. Completes exceptionally if the subscriber broke
     * the rules by throwing, or if closing the reader failed.
     */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public String toString() {
        return "BatchPublisher[prefetch=" + prefetch + ", " + reader + "]";
    }

    /** The one subscription; its {@link #run()} is the reading thread. */
    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super RecordBatch> subscriber;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ArrayDeque<RecordBatch> buffered = new ArrayDeque<>();
        private long demand;
        private boolean cancelled;
        private boolean reading;
        private Throwable badRequest;

        Subscription(Flow.Subscriber<? super RecordBatch> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (cancelled) {
                    return;
                }
                if (n <= 0) {
                    // Rule 3.9: signalled as onError by the reading thread, which then stops.
                    badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
                    cancelLocked();
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n; // rule 3.17: saturate
                changed.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelLocked();
            } finally {
                lock.unlock();
            }
        }

        private void cancelLocked() {
            if (!cancelled) {
                cancelled = true;
                changed.signal();
                if (reading) {
                    reader.abort(); // a read in progress ends soon; the reading thread cleans up
                }
            }
        }

        void run() {
            Throwable failure = null;
            boolean terminated = false; // onComplete or onError was signalled
            try {
                while (true) {
                    RecordBatch deliver = null;
                    boolean read = false;
                    lock.lock();
                    try {
                        while (!cancelled && !(demand > 0 && !buffered.isEmpty())
                                && buffered.size() >= limitLocked()) {
                            changed.await();
                        }
                        if (cancelled) {
                            break;
                        }
                        if (demand > 0 && !buffered.isEmpty()) {
                            deliver = buffered.poll();
                            demand--;
                        } else {
                            reading = true;
                            read = true;
                        }
                    } finally {
                        lock.unlock();
                    }
                    if (deliver != null) {
                        onNext(deliver);
                        continue;
                    }
                    if (read) {
                        RecordBatch batch;
                        try {
                            batch = reader.next();
                        } finally {
                            lock.lock();
                            reading = false;
                            lock.unlock();
                        }
                        if (batch == null) {
                            terminated = deliverRestAndComplete();
                            break;
                        }
                        lock.lock();
                        try {
                            buffered.add(batch);
                        } finally {
                            lock.unlock();
                        }
                    }
                }
            } catch (InterruptedException e) {
                failure = e;
            } catch (SubscriberFailure e) {
                failure = e.getCause();
            } catch (Throwable t) {
                boolean wasCancelled = isCancelled();
                if (!wasCancelled && !terminated) {
                    terminated = true;
                    signalError(t);
                }
            } finally {
                Throwable rejected = rejectedRequest();
                Throwable closing = cleanUp();
                if (failure == null) {
                    failure = closing;
                }
                if (rejected != null && !terminated) {
                    signalError(rejected);
                }
                if (failure != null) {
                    closed.completeExceptionally(failure);
                } else {
                    closed.complete(null);
                }
            }
        }

        /** Reads may run ahead while fewer than demand + prefetch batches wait (demand capped to fit an int). */
        private long limitLocked() {
            return Math.min(demand, Integer.MAX_VALUE) + prefetch;
        }

        /** The reader is done: deliver what is buffered as demand arrives, then onComplete. */
        private boolean deliverRestAndComplete() throws InterruptedException {
            while (true) {
                RecordBatch deliver;
                lock.lock();
                try {
                    while (!cancelled && !buffered.isEmpty() && demand == 0) {
                        changed.await();
                    }
                    if (cancelled) {
                        return false;
                    }
                    if (buffered.isEmpty()) {
                        break;
                    }
                    deliver = buffered.poll();
                    demand--;
                } finally {
                    lock.unlock();
                }
                onNext(deliver);
            }
            try {
                subscriber.onComplete();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "onComplete threw (rule 2.13)", t);
            }
            return true;
        }

        private void onNext(RecordBatch batch) {
            try {
                subscriber.onNext(batch);
            } catch (Throwable t) {
                // Rule 2.13: the subscription is cancelled; the batch is closed in case the subscriber did not.
                batch.close();
                cancel();
                LOG.log(System.Logger.Level.WARNING, "onNext threw; subscription cancelled (rule 2.13)", t);
                throw new SubscriberFailure(t);
            }
        }

        private void signalError(Throwable error) {
            try {
                subscriber.onError(error);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "onError threw (rule 2.13)", t);
            }
        }

        private Throwable rejectedRequest() {
            lock.lock();
            try {
                return badRequest;
            } finally {
                lock.unlock();
            }
        }

        private boolean isCancelled() {
            lock.lock();
            try {
                return cancelled;
            } finally {
                lock.unlock();
            }
        }

        /** Closes what was read and not delivered, and the reader; returns what closing threw. */
        private Throwable cleanUp() {
            lock.lock();
            try {
                cancelled = true; // late requests and cancels are no-ops
                for (RecordBatch batch; (batch = buffered.poll()) != null; ) {
                    batch.close();
                }
            } finally {
                lock.unlock();
            }
            try {
                reader.close();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }
    }

    /** Carries what {@code onNext} threw out of the reading loop. */
    private static final class SubscriberFailure extends RuntimeException {
        SubscriberFailure(Throwable cause) {
            super(cause);
        }
    }
}
