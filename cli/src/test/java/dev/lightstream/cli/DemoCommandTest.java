package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.cli.demo.DemoContext;
import dev.lightstream.cli.demo.DemoMismatchException;
import dev.lightstream.cli.demo.DemoTable;
import dev.lightstream.cli.demo.IpcRound;
import dev.lightstream.cli.demo.RoundResult;
import dev.lightstream.cli.demo.TransportRound;
import dev.lightstream.cli.io.Console;
import dev.lightstream.cli.io.IpcFormat;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code lightstream demo}: generated, written, read back, verified; a difference fails it. */
@Timeout(120)
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesReadsAndVerifiesBothFormats() {
        Cli.Result result = Cli.run("demo", "--rows", "100000", "--batch-rows", "7000");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        String out = result.out();
        assertThat(out).startsWith("lightstream demo: 100,000 rows in 15 batches of 7,000 rows\n")
                .contains("columns: id int64, value float64, name utf8, category dictionary<int8, utf8>, ts "
                        + "timestamp[microsecond, UTC], flag bool, price decimal128(12, 2), tags list<int32>")
                .contains("\nverified: 100000 rows, 15 batches\n");
        // One line per round: name, size, then write and read times and rates.
        String size = "[0-9.]+ [kMGT]?B";
        String time = "[0-9.]+ s";
        String rate = "[0-9.]+( [kMGT])?/s";
        String names = "ipc file|ipc stream|tcp|unix socket|websocket|quic|webtransport";
        Pattern round = Pattern.compile("(" + names + ") +" + size + " +" + time + " +" + rate
                + " +" + size + "/s +" + time + " +" + rate + " +" + size + "/s");
        List<String> rounds = out.lines()
                .filter(line -> line.matches("(" + names + "|stdio pipe) .*")).toList();
        // The optional transports' modules are on the cli's class path: their rounds run, in this order.
        assertThat(rounds).extracting(line -> line.replaceAll(" {2,}.*", ""))
                .containsExactly("ipc file", "ipc stream", "tcp", "unix socket", "websocket", "quic", "webtransport",
                        "stdio pipe");
        assertThat(rounds.subList(0, 7)).allMatch(line -> round.matcher(line).matches(), "a round's line");
        // The stdio pipe's writer is another process: its time is not known here.
        assertThat(rounds.get(7)).matches("stdio pipe +" + size + " +- +- +- +" + time + " +" + rate + " +" + size
                + "/s");
        Matcher directory = Pattern.compile("(?m)^directory: (\\S+) \\(removed at the end").matcher(out);
        assertThat(directory.find()).isTrue();
        assertThat(Path.of(directory.group(1))).doesNotExist();
    }

    @Test
    void keepsItsFilesInDirAndTheyHoldTheTable() throws Exception {
        Path keep = dir.resolve("demo");
        Cli.Result result = Cli.run("demo", "--rows", "20000", "--batch-rows", "6000", "--dir", keep.toString(),
                "--compression", "lz4");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("verified: 20000 rows, 4 batches").contains("directory: " + keep + "\n");
        Cli.Result schema = Cli.run("schema", keep.resolve("demo.arrow").toString());
        assertThat(schema.out()).contains("batches: 4\nrows: 20000\n")
                .contains("  category: dictionary<values=utf8, indices=int8> not null (dictionary id 0)");
        Cli.Result stream = Cli.run("schema", keep.resolve("demo.arrows").toString());
        assertThat(stream.out()).startsWith("Arrow IPC stream: ");
        // The first row is the same in both files, and what the table says it is.
        List<String> file = Cli.run("cat", "--limit", "1", keep.resolve("demo.arrow").toString()).out().lines().toList();
        List<String> streamRows = Cli.run("cat", "--limit", "1", keep.resolve("demo.arrows").toString()).out().lines()
                .toList();
        assertThat(file.get(3)).isEqualTo(streamRows.get(3)).matches(" *0 \\| .*").contains(" | 2024-01-01 00:00:");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             Golden.Content content = Golden.readFile(keep.resolve("demo.arrow"), allocator)) {
            DemoTable table = new DemoTable(20000, 6000, 1);
            for (int i = 0; i < content.batches().size(); i++) {
                table.verify(content.batches().get(i), i);
            }
        }
    }

    @Test
    void zeroRowsIsAnEmptyTable() {
        Cli.Result result = Cli.run("demo", "--rows", "0");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("verified: 0 rows, 0 batches");
    }

    @Test
    void aDifferenceFailsTheRoundNamingWhere() throws Exception {
        DemoTable written = new DemoTable(5000, 1000, 1);
        for (IpcFormat format : IpcFormat.values()) {
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                DemoContext context = new DemoContext(dir, false, allocator, IpcWriteOptions.DEFAULT, console(),
                        written.withSeed(2));
                assertThatThrownBy(() -> new IpcRound(format).run(written, context))
                        .isInstanceOf(DemoMismatchException.class)
                        .hasMessageStartingWith("batch 0 row 0 column 'value': expected ");
                // The id column is the row number whatever the seed: the first difference is the value.
            }
            assertThat(dir).isEmptyDirectory();
        }
        // More rows than expected: caught too.
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            DemoContext context = new DemoContext(dir, false, allocator, IpcWriteOptions.DEFAULT, console(),
                    new DemoTable(4000, 1000, 1));
            assertThatThrownBy(() -> new IpcRound(IpcFormat.STREAM).run(written, context))
                    .isInstanceOf(DemoMismatchException.class)
                    .hasMessage("batch 4 is one too many: the table has 4");
        }
        // And the command turns it into one line and exit 1.
        assertThat(ErrorReporter.describe(new DemoMismatchException("batch 0 row 0 column 'value': expected 1, found 2")))
                .isEqualTo("batch 0 row 0 column 'value': expected 1, found 2");
    }

    @Test
    void transportRoundsVerifyWhatArrives() throws Exception {
        DemoTable table = new DemoTable(5000, 1000, 1);
        for (TransportRound.Kind kind : TransportRound.Kind.values()) {
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                DemoContext context = new DemoContext(dir, true, allocator, IpcWriteOptions.DEFAULT, console(), table);
                RoundResult result = new TransportRound(kind).run(table, context);
                assertThat(result.rows()).isEqualTo(5000);
                assertThat(result.batches()).isEqualTo(5);
                assertThat(result.bytes()).as("bytes on the wire: the stream file, exactly")
                        .isEqualTo(Files.size(dir.resolve("transport.arrows")));
                assertThat(result.readNanos()).isPositive();
                if (kind == TransportRound.Kind.STDIO) {
                    assertThat(result.writeNanos()).as("written by another process").isEqualTo(-1);
                } else {
                    assertThat(result.writeNanos()).isPositive();
                }
            }
            // A table that differs from the one expected is caught on the far side of each transport.
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                DemoContext context = new DemoContext(dir, true, allocator, IpcWriteOptions.DEFAULT, console(),
                        table.withSeed(2));
                assertThatThrownBy(() -> new TransportRound(kind).run(table, context))
                        .isInstanceOf(DemoMismatchException.class)
                        .hasMessageStartingWith("batch 0 row 0 column 'value': expected ");
            }
        }
    }

    @Test
    void theWebTransportRoundMovesWholeBatchesUpToItsLimitOfALargeTable() throws Exception {
        DemoTable small = new DemoTable(TransportRound.WEBTRANSPORT_MAX_ROWS, 65_536, 1);
        DemoTable large = new DemoTable(TransportRound.WEBTRANSPORT_MAX_ROWS + 1, 65_536, 1);
        for (TransportRound.Kind kind : TransportRound.Kind.values()) {
            assertThat(new TransportRound(kind).skipReason(large)).as(kind.name()).isNull();
            assertThat(new TransportRound(kind).note(small)).as(kind.name()).isNull();
            if (kind == TransportRound.Kind.WEBTRANSPORT) {
                assertThat(new TransportRound(kind).note(large))
                        .startsWith("webtransport moved the first 65536 rows (1 batch)");
            } else {
                assertThat(new TransportRound(kind).note(large)).as(kind.name()).isNull();
            }
        }
        // 150,000 rows in batches of 40,000: the round moves and verifies the first two batches.
        DemoTable table = new DemoTable(150_000, 40_000, 5);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            DemoContext context = new DemoContext(dir, false, allocator, IpcWriteOptions.DEFAULT, console(), table);
            RoundResult result = new TransportRound(TransportRound.Kind.WEBTRANSPORT).run(table, context);
            assertThat(result.rows()).isEqualTo(80_000);
            assertThat(result.batches()).isEqualTo(2);
            // A prefix of another table (other values) is refused by the verification.
            DemoContext other = new DemoContext(dir, false, allocator, IpcWriteOptions.DEFAULT, console(),
                    table.withSeed(6));
            assertThatThrownBy(() -> new TransportRound(TransportRound.Kind.WEBTRANSPORT).run(table, other))
                    .isInstanceOf(DemoMismatchException.class);
        }
        assertThat(dir.resolve("webtransport.arrows")).doesNotExist();
    }

    @Test
    void aRoundReportsWhatItMeasured() throws Exception {
        DemoTable table = new DemoTable(3000, 1000, 7);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            DemoContext context = new DemoContext(dir, true, allocator, IpcWriteOptions.DEFAULT, console(), table);
            RoundResult result = new IpcRound(IpcFormat.FILE).run(table, context);
            assertThat(result.name()).isEqualTo("ipc file");
            assertThat(result.rows()).isEqualTo(3000);
            assertThat(result.batches()).isEqualTo(3);
            assertThat(result.bytes()).isEqualTo(Files.size(dir.resolve("demo.arrow")));
            assertThat(result.writeNanos()).isPositive();
            assertThat(result.readNanos()).isPositive();
            assertThat(allocator.allocatedBytes()).as("every batch and dictionary released").isZero();
        }
    }

    private static Console console() {
        return Console.of(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                false);
    }
}
