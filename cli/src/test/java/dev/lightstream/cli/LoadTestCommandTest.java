package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code lightstream loadtest} in-process: its report, line by line, and its exit code. */
@Timeout(120)
class LoadTestCommandTest {
    @Test
    void bothPhasesReportEveryBatchVerified() {
        Cli.Result result = Cli.run("loadtest", "--clients", "40", "--batches", "3", "--rows", "100");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("receive: 40 clients connected at once")
                .contains("120 of 120 batches verified, 0 lost, 0 corrupted, 240 kB in ");
        assertThat(lines.get(1)).startsWith("send: 40 clients connected at once (server peak 40)")
                .contains("120 of 120 batches verified, 0 lost, 0 corrupted");
        assertThat(lines.get(2)).startsWith("memory: peak resident ").endsWith(", leaked 0 bytes");
        assertThat(lines.get(3)).matches("open-file limit: (-1|\\d+), listen backlog: 40");
        assertThat(lines.get(4)).isEqualTo("ok");
    }

    @Test
    void onePhaseOverUnixSockets() {
        Cli.Result result = Cli.run("loadtest", "--clients", "10", "--batches", "2", "--rows", "10",
                "--transport", "unix", "--phase", "send");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("send: 10 clients").doesNotContain("receive:").endsWith("ok\n");
    }
}
