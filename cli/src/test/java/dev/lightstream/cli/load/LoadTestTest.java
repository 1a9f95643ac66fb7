package dev.lightstream.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded load test of the suite: 500 concurrent clients on loopback, each receiving then
 * sending a few checksummed batches; nothing lost, nothing corrupted, nothing leaked (leak-checking
 * allocators on both sides). And the check itself: a batch altered in any way is caught.
 */
class LoadTestTest {
    @Test
    @Timeout(120)
    void fiveHundredClientsReceiveAndSendEveryBatchIntact() throws Exception {
        LoadTest.Config config = LoadTest.Config.defaults().withClients(500).withBatches(4).withRows(256);
        LoadTest.Report report;
        try (LeakCheckingAllocator server = BufferAllocator.leakChecking();
             LeakCheckingAllocator clients = BufferAllocator.leakChecking()) {
            report = LoadTest.run(config, server, clients);
            assertThat(server.allocatedBytes()).isZero();
            assertThat(clients.allocatedBytes()).isZero();
        } // close fails on a leak
        assertThat(report.phases()).extracting(LoadTest.Phase::name).containsExactly("receive", "send");
        for (LoadTest.Phase phase : report.phases()) {
            assertThat(phase.failures()).as(phase.name()).isEmpty();
            assertThat(phase.connected()).as(phase.name() + ": connected at once").isEqualTo(500);
            assertThat(phase.expected()).isEqualTo(2000);
            assertThat(phase.verified()).isEqualTo(2000);
            assertThat(phase.lost()).isZero();
            assertThat(phase.corrupted()).isZero();
            assertThat(phase.bytes()).isEqualTo(2000 * CheckedBatches.bytes(256));
            assertThat(phase.nanos()).isPositive();
        }
        // Receiving, every client waits for the others before reading; sending, the server blocks
        // on every client's first batch: either way the server held all 500 at once.
        assertThat(report.phases().get(1).serverPeakConnections()).isEqualTo(500);
        assertThat(report.leakedBytes()).isZero();
        assertThat(report.ok()).isTrue();
        assertThat(report.serverPeakBytes()).isPositive();
        assertThat(report.clientPeakBytes()).isPositive();
    }

    @Test
    @Timeout(60)
    void unixSockets() throws Exception {
        LoadTest.Config config = LoadTest.Config.defaults().withClients(64).withBatches(3).withRows(100)
                .withTransport("unix");
        try (LeakCheckingAllocator server = BufferAllocator.leakChecking();
             LeakCheckingAllocator clients = BufferAllocator.leakChecking()) {
            LoadTest.Report report = LoadTest.run(config, server, clients);
            assertThat(report.ok()).as(report.toString()).isTrue();
            assertThat(report.phases()).allSatisfy(p -> assertThat(p.verified()).isEqualTo(192));
        }
    }

    @Test
    void theChecksumCatchesEveryAlteration() {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (RecordBatch batch = CheckedBatches.make(allocator, 7, 3, 100)) {
                assertThat(CheckedBatches.problem(batch, 3, 100)).isNull();
                assertThat(CheckedBatches.problem(batch, 4, 100)).contains("says it is batch 3");
                assertThat(CheckedBatches.problem(batch, 3, 99)).contains("has 100 rows, not 99");
                ArrayData payload = batch.column(1).data();
                long value = payload.buffer(1).getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 57);
                payload.buffer(1).setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 57, value ^ 0x100);
                assertThat(CheckedBatches.problem(batch, 3, 100)).contains("checksum");
                payload.buffer(1).setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 57, value);
                assertThat(CheckedBatches.problem(batch, 3, 100)).isNull();
            }
            // Different seeds and indices give different payloads.
            try (RecordBatch a = CheckedBatches.make(allocator, 1, 0, 10);
                 RecordBatch b = CheckedBatches.make(allocator, 2, 0, 10)) {
                assertThat(a.column(1).getObject(0)).isNotEqualTo(b.column(1).getObject(0));
            }
        }
    }
}
