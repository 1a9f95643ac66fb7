package dev.lightstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example runs as its documentation says: tables one way, commands the other, one TCP connection. */
@Timeout(60)
class MetricsServiceTest {

    @Test
    void theDemoStreamsTablesAndObeysCommands() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MetricsService.Summary summary;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            summary = MetricsService.demo(allocator, 6, out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        // Batches already on their way when "stop" arrives are still delivered.
        assertThat(summary.batches()).isGreaterThanOrEqualTo(6);
        assertThat(summary.rows()).isEqualTo((long) summary.batches() * MetricsService.HOSTS.size()
                * MetricsService.SAMPLES_PER_HOST);
        assertThat(summary.meanCpu()).isBetween(0.0, 100.0);
        assertThat(output).contains("metrics batch 1: 20 rows, first host web-1")
                .contains("service: Command[verb=interval, value=10]")
                .contains("service: Command[verb=stop, value=0]")
                .contains("metrics batch 6: 20 rows");
    }
}
