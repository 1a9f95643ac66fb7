package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber that records every signal, checks each batch against {@link Generated}, closes it,
 * and asks for more as a policy says; {@code requested} counts demand before each request is made.
 */
class TestSubscriber implements Flow.Subscriber<RecordBatch> {
    final int rows;
    final AtomicLong requested = new AtomicLong();
    final List<String> signals = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger completions = new AtomicInteger();
    /** Reads ahead the counting reader had made when each batch arrived. */
    final List<Long> callsAtDelivery = new CopyOnWriteArrayList<>();
    volatile CountingReader reader;
    volatile Flow.Subscription subscription;

    TestSubscriber(int rows) {
        this.rows = rows;
    }

    void request(long n) {
        requested.addAndGet(n);
        subscription.request(n);
    }

    /** What to do on subscription: ask for one. */
    void subscribed() {
        request(1);
    }

    /** What to do after batch {@code index} was checked and closed: ask for one more. */
    void delivered(int index) {
        request(1);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        signals.add("onSubscribe");
        subscription = s;
        subscribed();
    }

    @Override
    public void onNext(RecordBatch batch) {
        int index = received.getAndIncrement();
        signals.add("onNext " + index);
        if (reader != null) {
            callsAtDelivery.add(reader.calls.get());
        }
        try (RecordBatch b = batch) {
            Generated.assertBatch(b, index, rows, "batch " + index);
        }
        delivered(index);
    }

    @Override
    public void onError(Throwable error) {
        signals.add("onError " + error.getClass().getSimpleName());
        errors.add(error);
    }

    @Override
    public void onComplete() {
        signals.add("onComplete");
        completions.incrementAndGet();
    }
}
