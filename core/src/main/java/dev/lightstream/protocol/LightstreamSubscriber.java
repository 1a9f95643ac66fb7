package dev.lightstream.protocol;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} that sends every {@link LightstreamMessage} it gets on a
 * {@link LightstreamConnection} (by its name: a {@link RawMessage} with
 * {@link LightstreamConnection#send(String, java.lang.foreign.MemorySegment)}, a {@link TableBatch}
 * with {@link LightstreamConnection#sendTable}) and then closes it.
 *
 * {@snippet :
 * try (SubmissionPublisher<LightstreamMessage> events = new SubmissionPublisher<>()) {
 *     LightstreamSubscriber sender = connection.subscriber();
 *     events.subscribe(sender);
 *     events.submit(RawMessage.of("event", bytes));
 *     events.submit(new TableBatch("metrics", batch));   // the subscriber closes it once sent
 *     events.close();
 *     sender.completion().join();                         // everything sent and flushed
 * }
 * }
 *
 * <p>Backpressure: it requests {@code window} items at first and one more each time an item has
 * been sent, so at most {@code window} items wait in its queue, and a peer that reads slowly slows
 * the publisher down. Items are sent on a virtual thread of the subscriber's own, never on the
 * publisher's thread; the connection is flushed whenever the queue runs empty, and at the end.
 *
 * <p>{@link #completion()} completes when the publisher completed and everything was sent and
 * flushed; it completes exceptionally with the publisher's error (after sending what came before
 * it) or with the first send failure, which also cancels the subscription. Every item received is
 * closed exactly once, sent or not. The connection stays open either way.
 */
public final class LightstreamSubscriber implements Flow.Subscriber<LightstreamMessage> {
    /** Items requested ahead by {@link LightstreamConnection#subscriber()}. */
    public static final int DEFAULT_WINDOW = 16;

    /** The end of the stream in the queue: the publisher's error, or null for completion. */
    private record End(Throwable error) {}

    private final LightstreamConnection connection;
    private final int window;
    private final BlockingQueue<Object> queue;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean failed;

    LightstreamSubscriber(LightstreamConnection connection, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window=" + window + " must be positive");
        }
        this.connection = connection;
        this.window = window;
        this.queue = new ArrayBlockingQueue<>(window + 1); // the items requested, and the end
    }

    /** Completes once everything was sent and flushed; see the class documentation. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        if (subscription != null) {
            s.cancel(); // rule 2.5: one subscription at a time
            return;
        }
        subscription = s;
        Thread.ofVirtual().name("lightstream-subscriber " + connection.transport().remoteAddress()).start(this::run);
        s.request(window);
    }

    @Override
    public void onNext(LightstreamMessage item) {
        Objects.requireNonNull(item, "item");
        if (failed || !queue.offer(item)) {
            item.close(); // after a failure, or beyond the demand signalled (a publisher's bug)
            return;
        }
        if (failed) {
            drain(); // the sender failed meanwhile and may have drained before our offer
        }
    }

    @Override
    public void onError(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        queue.offer(new End(throwable));
    }

    @Override
    public void onComplete() {
        queue.offer(new End(null));
    }

    private void run() {
        try {
            for (;;) {
                Object next = queue.take();
                if (next instanceof End(Throwable error)) {
                    connection.flush();
                    if (error == null) {
                        completion.complete(null);
                    } else {
                        completion.completeExceptionally(error);
                    }
                    return;
                }
                try (LightstreamMessage message = (LightstreamMessage) next) {
                    connection.send(message);
                }
                if (queue.isEmpty()) {
                    connection.flush();
                }
                subscription.request(1);
            }
        } catch (Throwable t) {
            failed = true;
            subscription.cancel();
            drain();
            completion.completeExceptionally(t);
        }
    }

    /** Closes every item still queued. */
    private void drain() {
        Object next;
        while ((next = queue.poll()) != null) {
            if (next instanceof LightstreamMessage message) {
                message.close();
            }
        }
    }
}
