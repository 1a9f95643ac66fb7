package dev.lightstream.net;

import static dev.lightstream.net.DisconnectTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.ConnectionServer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BatchPublisher}: demand, prefetch, cancel, errors, the Reactive Streams rules. */
@Timeout(60)
class BatchPublisherTest {
    private static final int ROWS = 500;

    private static CountingReader generated(BufferAllocator allocator, int batches, TestSubscriber subscriber) {
        CountingReader reader = new CountingReader(
                BatchReader.of(Generated.SCHEMA, Generated.batches(allocator, batches, ROWS)),
                subscriber.requested::get);
        subscriber.reader = reader;
        return reader;
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = {0, 1, 3})
    void oneAtATimeGetsBatchesOneByOneAndTheReaderStaysWithinThePrefetch(int prefetch) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            TestSubscriber subscriber = new TestSubscriber(ROWS);
            CountingReader reader = generated(allocator, 10, subscriber);
            BatchPublisher publisher = new BatchPublisher(reader, prefetch);
            publisher.subscribe(subscriber);
            publisher.closed().get(30, TimeUnit.SECONDS);

            List<String> expected = new ArrayList<>(List.of("onSubscribe"));
            for (int i = 0; i < 10; i++) {
                expected.add("onNext " + i);
            }
            expected.add("onComplete");
            assertThat(subscriber.signals).isEqualTo(expected);
            assertThat(reader.maxAhead.get()).as("reads ahead of demand").isLessThanOrEqualTo(prefetch);
            for (int i = 0; i < 10; i++) {
                assertThat(subscriber.callsAtDelivery.get(i)).as("reads made when batch " + i + " arrived")
                        .isLessThanOrEqualTo(i + 1 + prefetch);
            }
            assertThat(reader.closed).isTrue();
        }
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = {0, 2})
    void withoutDemandTheReaderStopsAtThePrefetch(int prefetch) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            TestSubscriber subscriber = new TestSubscriber(ROWS) {
                @Override
                void subscribed() {
                    request(3);
                }

                @Override
                void delivered(int index) {} // no more
            };
            CountingReader reader = generated(allocator, 20, subscriber);
            BatchPublisher publisher = new BatchPublisher(reader, prefetch);
            publisher.subscribe(subscriber);
            await(() -> subscriber.received.get() == 3 && reader.calls.get() == 3 + prefetch);
            subscriber.subscription.cancel();
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(reader.calls.get()).as("reads: the demand plus the prefetch, never more")
                    .isEqualTo(3 + prefetch);
            assertThat(reader.maxAhead.get()).isLessThanOrEqualTo(prefetch);
            assertThat(subscriber.signals).containsExactly("onSubscribe", "onNext 0", "onNext 1", "onNext 2");
            assertThat(reader.closed).isTrue();
        } // no leak: the prefetched batches were closed
    }

    @Test
    void cancelMidStreamOverTheNetworkReleasesEverything() throws Exception {
        try (NetFixture fixture = NetFixture.tcp();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer server = TableServer.serve(fixture.listen(),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, 50, ROWS)),
                     serverMemory, fixture.serverOptions())) {
            NetTableReader network = NetTableReader.connect(server.endpoint(), clientMemory, fixture.clientOptions());
            TestSubscriber subscriber = new TestSubscriber(ROWS) {
                @Override
                void subscribed() {
                    request(2);
                }

                @Override
                void delivered(int index) {
                    if (index == 2) {
                        subscription.cancel(); // from inside onNext
                    } else if (index == 1) {
                        request(2);
                    }
                }
            };
            CountingReader reader = new CountingReader(network, subscriber.requested::get);
            subscriber.reader = reader;
            BatchPublisher publisher = new BatchPublisher(reader, 4);
            publisher.subscribe(subscriber);
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(subscriber.signals).containsExactly("onSubscribe", "onNext 0", "onNext 1", "onNext 2");
            assertThat(reader.closed).isTrue();
            assertThat(network.connection().isOpen()).isFalse();
            clientMemory.assertNoLeaks();
        }
    }

    @Test
    void cancelWhileTheReaderWaitsOnTheNetworkAbortsTheRead() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(Generated.SCHEMA);
        CountDownLatch release = new CountDownLatch(1);
        try (NetFixture fixture = NetFixture.tcp();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             ConnectionServer server = Transports.listen(fixture.listen(), fixture.serverOptions().transport(),
                     connection -> {
                         // One batch, then silence until the test ends.
                         connection.write(ByteBuffer.wrap(stream.bytes(), 0, (int) stream.batchEnds()[0]));
                         release.await();
                     })) {
            NetTableReader network = NetTableReader.connect(server.endpoint(), clientMemory, fixture.clientOptions());
            TestSubscriber subscriber = new TestSubscriber(1000) {
                @Override
                void subscribed() {
                    request(5);
                }

                @Override
                void delivered(int index) {}
            };
            CountingReader reader = new CountingReader(network, subscriber.requested::get);
            BatchPublisher publisher = new BatchPublisher(reader, 0);
            publisher.subscribe(subscriber);
            await(() -> subscriber.received.get() == 1 && reader.calls.get() == 2); // blocked in the second read
            subscriber.subscription.cancel();
            publisher.closed().get(30, TimeUnit.SECONDS);
            release.countDown();
            assertThat(reader.aborted).as("the blocked read was aborted").isTrue();
            assertThat(subscriber.signals).as("no signal after cancel").containsExactly("onSubscribe", "onNext 0");
            clientMemory.assertNoLeaks();
        }
    }

    @Test
    void aFailingReaderIsOneOnError() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(Generated.SCHEMA);
        int cut = (int) stream.batchEnds()[2] - 50; // inside the third batch
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            ArrowStreamReader truncated = new ArrowStreamReader(
                    Channels.newChannel(new ByteArrayInputStream(stream.bytes(), 0, cut)), allocator);
            TestSubscriber subscriber = new TestSubscriber(1000) {
                @Override
                void subscribed() {
                    request(Long.MAX_VALUE);
                }

                @Override
                void delivered(int index) {}
            };
            BatchPublisher publisher = new BatchPublisher(BatchReader.of(truncated), 2);
            publisher.subscribe(subscriber);
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(subscriber.signals)
                    .containsExactly("onSubscribe", "onNext 0", "onNext 1", "onError EOFException");
            assertThat(subscriber.errors).singleElement().isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aStreamCutShortOverTheNetworkIsOneOnError() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(Generated.SCHEMA);
        try (NetFixture fixture = NetFixture.unix();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             ConnectionServer server = Transports.listen(fixture.listen(), fixture.serverOptions().transport(),
                     connection -> connection.write(ByteBuffer.wrap(stream.bytes(), 0, (int) stream.batchEnds()[1])))) {
            TestSubscriber subscriber = new TestSubscriber(1000);
            BatchPublisher publisher = new BatchPublisher(
                    NetTableReader.connect(server.endpoint(), clientMemory, fixture.clientOptions()));
            publisher.subscribe(subscriber);
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(subscriber.signals)
                    .containsExactly("onSubscribe", "onNext 0", "onNext 1", "onError EOFException");
            assertThat(subscriber.errors.getFirst()).hasMessageContaining("without the end-of-stream marker");
            clientMemory.assertNoLeaks();
        }
    }

    @Test
    void aNonPositiveRequestIsOnErrorAndStopsReading() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            TestSubscriber subscriber = new TestSubscriber(ROWS) {
                @Override
                void subscribed() {
                    request(0);
                }
            };
            CountingReader reader = generated(allocator, 5, subscriber);
            BatchPublisher publisher = new BatchPublisher(reader, 0);
            publisher.subscribe(subscriber);
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(subscriber.signals).containsExactly("onSubscribe", "onError IllegalArgumentException");
            assertThat(subscriber.errors.getFirst()).hasMessageContaining("rule 3.9");
            assertThat(reader.calls.get()).isZero();
            assertThat(reader.closed).isTrue();
        }
    }

    @Test
    void aSecondSubscriberIsRefused() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            TestSubscriber first = new TestSubscriber(ROWS);
            BatchPublisher publisher = new BatchPublisher(generated(allocator, 3, first), 1);
            publisher.subscribe(first);
            TestSubscriber second = new TestSubscriber(ROWS) {
                @Override
                void subscribed() {}
            };
            publisher.subscribe(second);
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(second.signals).containsExactly("onSubscribe", "onError IllegalStateException");
            assertThat(first.signals).containsExactly("onSubscribe", "onNext 0", "onNext 1", "onNext 2", "onComplete");
            assertThatThrownBy(() -> publisher.subscribe(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void anOnNextThatThrowsCancelsTheSubscription() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            IllegalStateException boom = new IllegalStateException("subscriber bug");
            List<RecordBatch> seen = new ArrayList<>();
            TestSubscriber subscriber = new TestSubscriber(ROWS) {
                @Override
                public void onNext(RecordBatch batch) {
                    seen.add(batch);
                    if (seen.size() == 2) {
                        throw boom; // without closing the batch
                    }
                    super.onNext(batch);
                }
            };
            BatchPublisher publisher = new BatchPublisher(generated(allocator, 10, subscriber), 3);
            publisher.subscribe(subscriber);
            assertThatThrownBy(() -> publisher.closed().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCause(boom);
            assertThat(subscriber.signals).containsExactly("onSubscribe", "onNext 0");
            assertThat(seen).hasSize(2).allMatch(RecordBatch::isClosed);
        }
    }

    @Test
    void signalsComeOneAtATimeFromOneThread() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            TestSubscriber subscriber = new TestSubscriber(ROWS) {
                @Override
                public void onNext(RecordBatch batch) {
                    threads.add(Thread.currentThread());
                    super.onNext(batch);
                }

                @Override
                public void onComplete() {
                    threads.add(Thread.currentThread());
                    super.onComplete();
                }
            };
            BatchPublisher publisher = new BatchPublisher(generated(allocator, 8, subscriber), 2);
            publisher.subscribe(subscriber);
            publisher.closed().get(30, TimeUnit.SECONDS);
            assertThat(threads).hasSize(9);
            assertThat(threads.stream().distinct()).hasSize(1);
            assertThat(subscriber.completions.get()).isEqualTo(1);
        }
    }
}
