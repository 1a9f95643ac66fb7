package dev.lightstream.net;

import static dev.lightstream.net.DisconnectTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link BatchSubscriber}: writes what it gets, asks for more only as writes complete, ends once. */
@Timeout(60)
class BatchSubscriberTest {
    private static final int ROWS = 1000;
    private static final long BATCH = Generated.bytes(ROWS);

    /** A publisher driven by the test, recording the subscriber's calls. */
    static final class ManualPublisher implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicInteger cancels = new AtomicInteger();
        final List<String> calls = new CopyOnWriteArrayList<>();
        Flow.Subscriber<? super RecordBatch> subscriber;

        void subscribe(Flow.Subscriber<? super RecordBatch> s) {
            subscriber = s;
            s.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    @Test
    void demandStopsAtTheInFlightLimitAndResumesAsWritesComplete() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RecordingWriter writer = new RecordingWriter(); // blocks every write until given a permit
            BatchSubscriber subscriber = new BatchSubscriber(writer, 2 * BATCH + BATCH / 2);
            ManualPublisher publisher = new ManualPublisher();
            publisher.subscribe(subscriber);
            assertThat(publisher.requested.get()).as("first demand").isEqualTo(1);
            List<RecordBatch> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RecordBatch batch = Generated.batch(allocator, i, ROWS);
                sent.add(batch);
                subscriber.onNext(batch);
            }
            // 2.5 batches of budget: after the first and the second there was room, after the third not.
            assertThat(publisher.requested.get()).isEqualTo(3);
            assertThat(subscriber.inFlightBytes()).isEqualTo(3 * BATCH);

            writer.permits.release(); // one write completes: room again, one more request
            await(() -> publisher.requested.get() == 4);
            assertThat(sent.getFirst().isClosed()).as("closed once written").isTrue();
            assertThat(subscriber.inFlightBytes()).isEqualTo(2 * BATCH);

            RecordBatch fourth = Generated.batch(allocator, 3, ROWS);
            subscriber.onNext(fourth);
            subscriber.onComplete();
            writer.permits.release(3);
            assertThat(subscriber.completion().get(30, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(publisher.requested.get()).as("no request once the budget is spent or the stream done")
                    .isEqualTo(4);
            assertThat(writer.calls).containsExactly("write", "write", "write", "write", "finish", "close");
            assertThat(subscriber.peakInFlightBytes()).isLessThanOrEqualTo(subscriber.inFlightLimit() + BATCH);
            assertThat(fourth.isClosed()).isTrue();
            sent.forEach(b -> assertThat(b.isClosed()).isTrue());
        }
    }

    @Test
    void anUpstreamErrorAbortsTheWriterAndDropsWhatIsQueued() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RecordingWriter writer = new RecordingWriter();
            BatchSubscriber subscriber = new BatchSubscriber(writer, 100 * BATCH);
            ManualPublisher publisher = new ManualPublisher();
            publisher.subscribe(subscriber);
            subscriber.onNext(Generated.batch(allocator, 0, ROWS));
            subscriber.onNext(Generated.batch(allocator, 1, ROWS));
            IOException boom = new IOException("source failed");
            subscriber.onError(boom);
            writer.permits.release(10);
            assertThatThrownBy(() -> subscriber.completion().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCause(boom);
            assertThat(writer.calls).doesNotContain("finish").endsWith("abort");
            assertThat(publisher.cancels.get()).as("rule 2.3: no call back from onError").isZero();
        } // every batch closed, written or not
    }

    @Test
    void aFailedWriteCancelsUpstreamAndClosesLateBatches() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RecordingWriter writer = new RecordingWriter();
            writer.failAtWrite = 1;
            writer.permits.release(10);
            BatchSubscriber subscriber = new BatchSubscriber(writer, 100 * BATCH);
            ManualPublisher publisher = new ManualPublisher();
            publisher.subscribe(subscriber);
            subscriber.onNext(Generated.batch(allocator, 0, ROWS));
            subscriber.onNext(Generated.batch(allocator, 1, ROWS));
            assertThatThrownBy(() -> subscriber.completion().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasRootCauseMessage("peer gone (test)");
            assertThat(publisher.cancels.get()).isEqualTo(1);
            RecordBatch late = Generated.batch(allocator, 2, ROWS);
            subscriber.onNext(late); // in flight when the cancel happened: allowed, and dropped
            assertThat(late.isClosed()).isTrue();
            assertThat(writer.calls).containsExactly("write", "write failed", "abort");
        }
    }

    @Test
    void aSecondSubscriptionIsCancelled() {
        BatchSubscriber subscriber = new BatchSubscriber(new RecordingWriter(), BATCH);
        ManualPublisher first = new ManualPublisher();
        ManualPublisher second = new ManualPublisher();
        first.subscribe(subscriber);
        second.subscribe(subscriber);
        assertThat(second.cancels.get()).isEqualTo(1);
        assertThat(second.requested.get()).isZero();
        assertThat(first.cancels.get()).isZero();
        subscriber.onComplete();
        assertThatThrownBy(() -> subscriber.onNext(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPublisherIntoASubscriberCopiesAStreamFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("copy.arrows");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            BatchPublisher publisher = new BatchPublisher(
                    BatchReader.of(Generated.SCHEMA, Generated.batches(allocator, 30, ROWS)), 2);
            BatchSubscriber subscriber = new BatchSubscriber(BatchWriter.of(new ArrowStreamWriter(
                    FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    Generated.SCHEMA, allocator)), 4 * BATCH);
            publisher.subscribe(subscriber);
            assertThat(subscriber.completion().get(30, TimeUnit.SECONDS)).isEqualTo(30);
            publisher.closed().get(30, TimeUnit.SECONDS);
            try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(out), allocator)) {
                for (int i = 0; i < 30; i++) {
                    try (RecordBatch batch = reader.next()) {
                        Generated.assertBatch(batch, i, ROWS, "batch " + i);
                    }
                }
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void aRelayFromOneServerToAnotherKeepsEveryValue() throws Exception {
        int batches = 40;
        int rows = 16 * 1024;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger arrived = new AtomicInteger();
        try (NetFixture fixture = NetFixture.tcp();
             LeakCheckingAllocator sourceMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator relayMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator sinkMemory = BufferAllocator.leakChecking();
             TableServer source = TableServer.serve(fixture.listen(),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(sourceMemory, batches, rows)),
                     sourceMemory, fixture.serverOptions());
             TableServer sink = TableServer.receive(fixture.listen(), stream -> {
                 try {
                     for (RecordBatch batch; (batch = stream.next()) != null; ) {
                         try (RecordBatch b = batch) {
                             Generated.assertBatch(b, arrived.getAndIncrement(), rows, "relayed");
                         }
                     }
                 } catch (Throwable t) {
                     failures.add(t);
                 }
             }, sinkMemory, fixture.serverOptions())) {
            NetTableReader in = NetTableReader.connect(source.endpoint(), relayMemory, fixture.clientOptions());
            NetTableWriter out = NetTableWriter.connect(sink.endpoint(), in.schema(), relayMemory,
                    fixture.clientOptions());
            BatchPublisher publisher = new BatchPublisher(in, 2);
            BatchSubscriber subscriber = new BatchSubscriber(out, 4 * Generated.bytes(rows));
            publisher.subscribe(subscriber);
            assertThat(subscriber.completion().get(60, TimeUnit.SECONDS)).isEqualTo(batches);
            publisher.closed().get(30, TimeUnit.SECONDS);
            await(() -> arrived.get() == batches && sink.connectionCount() == 0);
            assertThat(failures).isEmpty();
            assertThat(subscriber.peakInFlightBytes()).isLessThanOrEqualTo(5 * Generated.bytes(rows));
        }
    }
}
