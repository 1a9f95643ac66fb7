package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Flow adapters: the publisher reads only as demand allows, stops at cancel, signals
 * completion or one error; the subscriber sends everything it is given, closes every item, and
 * reports a failed send. Every block is freed.
 */
@Timeout(30)
class FlowTest {
    private static final Schema INTS = Schema.of(Field.nullable("x", DataType.INT32));

    private LeakCheckingAllocator allocator;
    private Pairs pair;
    private LightstreamConnection sender;
    private LightstreamConnection receiver;

    @BeforeEach
    void open() throws Exception {
        allocator = BufferAllocator.leakChecking();
        pair = Pairs.pipes();
        sender = new LightstreamConnection(pair.client(), allocator);
        receiver = new LightstreamConnection(pair.server(), allocator);
        for (LightstreamConnection c : List.of(sender, receiver)) {
            c.registerMessage("n");
            c.registerTable("t", INTS);
        }
        CompletableFuture<Void> other = Async.run(receiver::handshake);
        sender.handshake();
        other.get();
    }

    @AfterEach
    void close() throws Exception {
        sender.close();
        receiver.close();
        pair.close();
        allocator.close(); // fails on leaks
    }

    /** A subscriber that records signals into a queue and requests as the test says. */
    private static final class Recorder implements Flow.Subscriber<LightstreamMessage> {
        final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        volatile Flow.Subscription subscription;
        final CountDownLatch subscribed = new CountDownLatch(1);

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
        }

        @Override
        public void onNext(LightstreamMessage item) {
            signals.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add(throwable);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private void sendNumbers(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sender.send("n", new byte[] {(byte) i});
        }
        sender.flush();
    }

    @Test
    void thePublisherReadsOnlyAsDemandAllows() throws Exception {
        sendNumbers(10);
        sender.shutdownOutput();
        LightstreamPublisher publisher = receiver.publisher();
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        recorder.subscribed.await();
        int delivered = 0;
        for (int round = 0; round < 3; round++) {
            recorder.subscription.request(2);
            for (int k = 0; k < 2; k++) {
                try (RawMessage m = (RawMessage) recorder.signals.take()) {
                    assertThat(m.toByteArray()).containsExactly(delivered);
                    delivered++;
                }
            }
            // The demand is used up: the publisher has received exactly what it delivered.
            assertThat(receiver.messagesReceived()).isEqualTo(delivered);
            assertThat(allocator.allocatedBytes()).as("nothing received ahead of demand").isZero();
        }
        recorder.subscription.request(Long.MAX_VALUE);
        for (; delivered < 10; delivered++) {
            try (RawMessage m = (RawMessage) recorder.signals.take()) {
                assertThat(m.toByteArray()).containsExactly(delivered);
            }
        }
        assertThat(recorder.signals.take()).isEqualTo("complete");
        assertThat(publisher.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(recorder.signals).isEmpty();
    }

    @Test
    void cancelStopsTheSignalsAndClosingTheConnectionEndsThePublisher() throws Exception {
        sendNumbers(5);
        LightstreamPublisher publisher = receiver.publisher();
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        recorder.subscribed.await();
        recorder.subscription.request(100);
        for (int i = 0; i < 5; i++) {
            ((LightstreamMessage) recorder.signals.take()).close();
        }
        recorder.subscription.cancel(); // the publisher now waits in receive() for a sixth message
        sendNumbers(1);                  // received after the cancel: closed, not delivered
        assertThat(publisher.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(recorder.signals).isEmpty();
        assertThat(receiver.messagesReceived()).isEqualTo(6);
        assertThat(allocator.allocatedBytes()).isZero();
    }

    @Test
    void aCancelWhileWaitingEndsWhenTheConnectionCloses() throws Exception {
        LightstreamPublisher publisher = receiver.publisher();
        Recorder recorder = new Recorder();
        publisher.subscribe(recorder);
        recorder.subscribed.await();
        recorder.subscription.request(1);
        recorder.subscription.cancel();
        receiver.close();
        assertThat(publisher.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(recorder.signals).isEmpty(); // cancelled: not even the close's error
    }

    @Test
    void anErrorIsSignalledOnce() throws Exception {
        try (FakePeer peer = new FakePeer(); LightstreamConnection real = new LightstreamConnection(peer.realSide(), allocator)) {
            real.registerMessage("n");
            peer.write(FakePeer.hello(100, FakePeer.message("n", 0)));
            peer.write(FakePeer.frame(0, new byte[] {1}));
            peer.write(FakePeer.frame(3, new byte[] {2})); // tag 3: never registered
            Recorder recorder = new Recorder();
            LightstreamPublisher publisher = real.publisher();
            publisher.subscribe(recorder);
            recorder.subscribed.await();
            recorder.subscription.request(10);
            ((LightstreamMessage) recorder.signals.take()).close();
            assertThat(recorder.signals.take()).isInstanceOf(ProtocolException.class);
            assertThat(publisher.awaitTermination(Duration.ofSeconds(10))).isTrue();
            recorder.subscription.request(10); // after the end: ignored
            assertThat(recorder.signals).isEmpty();
        }
    }

    @Test
    void aNonPositiveRequestIsAnErrorAndASecondSubscriberIsRefused() throws Exception {
        LightstreamPublisher publisher = receiver.publisher();
        Recorder first = new Recorder();
        publisher.subscribe(first);
        first.subscribed.await();
        first.subscription.request(0);
        assertThat(first.signals.take()).isInstanceOf(IllegalArgumentException.class)
                .hasFieldOrPropertyWithValue("message", "request(0): demand must be positive");
        Recorder second = new Recorder();
        publisher.subscribe(second);
        assertThat(second.signals.take()).isInstanceOf(IllegalStateException.class);
        assertThat(publisher.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    private RecordBatch ints(Integer... values) {
        List<MemoryBlock> blocks = new ArrayList<>();
        return RecordBatch.of(INTS, values.length, List.of(Array.of(TestArrays.int32(allocator, blocks, values))), blocks);
    }

    @Test
    void theSubscriberSendsEverythingAndClosesEachItem() throws Exception {
        LightstreamSubscriber subscriber = sender.subscriber(4);
        try (SubmissionPublisher<LightstreamMessage> publisher = new SubmissionPublisher<>()) {
            publisher.subscribe(subscriber);
            for (int i = 0; i < 50; i++) {
                publisher.submit(i % 5 == 0 ? new TableBatch("t", ints(i, null)) : RawMessage.of("n", new byte[] {(byte) i}));
            }
        }
        subscriber.completion().get();
        sender.shutdownOutput();
        for (int i = 0; i < 50; i++) {
            try (LightstreamMessage m = receiver.receive()) {
                if (i % 5 == 0) {
                    assertThat(((TableBatch) m).batch().column(0).getObject(0)).isEqualTo(i);
                } else {
                    assertThat(((RawMessage) m).toByteArray()).containsExactly(i);
                }
            }
        }
        assertThat(receiver.receive()).isNull();
        assertThat(sender.messagesSent()).isEqualTo(50);
    }

    /**
     * A publisher of a fixed list, emitting on its own thread as demand allows, then completing or
     * failing; it remembers what it emitted.
     */
    private static final class ListPublisher implements Flow.Publisher<LightstreamMessage> {
        private final List<LightstreamMessage> items;
        private final Throwable error;
        final List<LightstreamMessage> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);

        ListPublisher(List<LightstreamMessage> items, Throwable error) {
            this.items = items;
            this.error = error;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super LightstreamMessage> subscriber) {
            java.util.concurrent.Semaphore demand = new java.util.concurrent.Semaphore(0);
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.release((int) Math.min(n, 1 << 20));
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
            Thread.ofVirtual().start(() -> {
                try {
                    for (LightstreamMessage item : items) {
                        while (!demand.tryAcquire(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            if (cancelled.get()) {
                                return;
                            }
                        }
                        if (cancelled.get()) {
                            return;
                        }
                        emitted.add(item);
                        subscriber.onNext(item);
                    }
                    if (error != null) {
                        subscriber.onError(error);
                    } else {
                        subscriber.onComplete();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
    }

    @Test
    void aFailedSendCancelsTheSubscriptionAndClosesWhatItGot() throws Exception {
        List<RecordBatch> batches = new ArrayList<>();
        List<LightstreamMessage> items = new ArrayList<>();
        Integer[] many = new Integer[4000]; // 16 KB: written at once, so the first send fails
        java.util.Arrays.fill(many, 1);
        for (int i = 0; i < 20; i++) {
            RecordBatch batch = ints(many);
            batches.add(batch);
            items.add(new TableBatch("t", batch));
        }
        sender.transport().close(); // every write fails from now on
        LightstreamSubscriber subscriber = sender.subscriber(2);
        ListPublisher publisher = new ListPublisher(items, null);
        publisher.subscribe(subscriber);
        assertThatThrownBy(() -> subscriber.completion().join()).isInstanceOf(CompletionException.class)
                .hasRootCauseInstanceOf(java.nio.channels.ClosedChannelException.class);
        publisher.done.await();
        assertThat(publisher.emitted).isNotEmpty().hasSizeLessThan(20);
        for (int i = 0; i < batches.size(); i++) {
            boolean emitted = publisher.emitted.contains(items.get(i));
            assertThat(batches.get(i).isClosed()).as("batch " + i + ", emitted: " + emitted).isEqualTo(emitted);
            batches.get(i).close();
        }
    }

    @Test
    void thePublishersErrorCompletesTheSubscriberExceptionallyAfterWhatCameBefore() throws Exception {
        LightstreamSubscriber subscriber = sender.subscriber();
        ListPublisher publisher = new ListPublisher(List.of(RawMessage.of("n", new byte[] {9}),
                new TableBatch("t", ints(4))), new IllegalStateException("upstream broke"));
        publisher.subscribe(subscriber);
        assertThatThrownBy(() -> subscriber.completion().join()).hasRootCauseMessage("upstream broke");
        try (RawMessage m = (RawMessage) receiver.receive()) {
            assertThat(m.toByteArray()).containsExactly(9);
        }
        try (TableBatch t = (TableBatch) receiver.receive()) {
            assertThat(t.batch().column(0).getObject(0)).isEqualTo(4);
        }
    }
}
