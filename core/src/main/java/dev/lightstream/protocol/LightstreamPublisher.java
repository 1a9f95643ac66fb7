package dev.lightstream.protocol;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Flow.Publisher} of what a {@link LightstreamConnection} receives: a virtual thread calls
 * {@link LightstreamConnection#receive()} only while the subscriber has outstanding demand, so
 * nothing is read ahead of {@code request(n)} (the transport's own buffers aside).
 *
 * {@snippet :
 * connection.publisher().subscribe(new Flow.Subscriber<>() {
 *     private Flow.Subscription subscription;
 *     public void onSubscribe(Flow.Subscription s) { subscription = s; s.request(1); }
 *     public void onNext(LightstreamMessage message) {
 *         try (message) { handle(message); }          // the subscriber owns each message
 *         subscription.request(1);
 *     }
 *     public void onError(Throwable failure) { log(failure); }
 *     public void onComplete() { }                     // the peer ended its output
 * });
 * }
 *
 * <p>Signals follow the Reactive Streams rules: {@code onSubscribe} first, then {@code onNext}
 * calls one at a time from the publishing thread, then at most one of {@code onComplete} (the peer
 * ended its output cleanly) or {@code onError} (the exception {@code receive()} threw, or an
 * {@link IllegalArgumentException} for a request of less than one). {@code request} and
 * {@code cancel} may be called from any thread, {@code onNext} included. One subscriber per
 * publisher: a second one gets {@code onError(IllegalStateException)}. Do not call
 * {@code receive()} yourself meanwhile.
 *
 * <p>Cancelling stops the signals at once. A {@code receive()} already waiting for bytes goes on
 * until a message arrives (it is closed, not delivered) or the connection is closed, which ends it
 * at once; {@link #awaitTermination(Duration)} waits for the publishing thread to be done.
 */
public final class LightstreamPublisher implements Flow.Publisher<LightstreamMessage> {
    private final LightstreamConnection connection;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    LightstreamPublisher(LightstreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super LightstreamMessage> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException("this publisher already has its subscriber"));
            return;
        }
        Delivery delivery = new Delivery(subscriber);
        subscriber.onSubscribe(delivery);
        Thread.ofVirtual().name("lightstream-publisher " + connection.transport().remoteAddress())
                .start(delivery::run);
    }

    /**
     * Waits until the publishing thread has stopped (after completion, an error, or a cancel and the
     * end of the {@code receive()} in progress).
     *
     * @return true if it stopped within {@code timeout}; false if it has not (or no one subscribed)
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The subscription: demand, cancellation, and the loop that receives and delivers. */
    private final class Delivery implements Flow.Subscription {
        private final Flow.Subscriber<? super LightstreamMessage> subscriber;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long demand;
        private boolean cancelled;
        private long badRequest;

        Delivery(Flow.Subscriber<? super LightstreamMessage> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    if (badRequest == 0) {
                        badRequest = n == 0 ? -1 : n; // remembered, signalled by the loop (rule 3.9)
                    }
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                changed.signalAll();
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

        /** Waits for demand; false if cancelled (or a bad request was signalled). */
        private boolean awaitDemand() throws InterruptedException {
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == 0) {
                    changed.await();
                }
                if (cancelled) {
                    return false;
                }
                if (badRequest != 0) {
                    cancelled = true;
                    long n = badRequest == -1 ? 0 : badRequest;
                    lock.unlock();
                    try {
                        subscriber.onError(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                    } finally {
                        lock.lock();
                    }
                    return false;
                }
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        void run() {
            try {
                while (awaitDemand()) {
                    LightstreamMessage message;
                    try {
                        message = connection.receive();
                    } catch (Exception e) {
                        if (!isCancelled()) {
                            cancel();
                            subscriber.onError(e);
                        }
                        return;
                    }
                    if (isCancelled()) {
                        if (message != null) {
                            message.close(); // received after the cancel: nobody owns it
                        }
                        return;
                    }
                    if (message == null) {
                        cancel();
                        subscriber.onComplete();
                        return;
                    }
                    subscriber.onNext(message);
                }
            } catch (InterruptedException e) {
                cancel();
            } catch (RuntimeException | Error e) {
                // A subscriber that throws breaks rule 2.13: stop, and let the thread report it.
                cancel();
                throw e;
            } finally {
                terminated.countDown();
            }
        }
    }
}
