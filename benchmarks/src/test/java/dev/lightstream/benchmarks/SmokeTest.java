package dev.lightstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every measurement at the smoke scale (tiny data, one run) and checks the JSON lines: their
 * shape, one per measurement in order, and that ours and every peer moved the same rows with the
 * same column sum (the raw pump: the same bytes), and that the CSV and Parquet measurements put
 * DuckDB and the Java peers beside ours, and the protocol's measurements the raw pump. Timing is
 * not checked.
 */
class SmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    @SuppressWarnings("unchecked")
    void everyMeasurementRunsAndTheSidesAgree() throws Exception {
        Path json = dir.resolve("results.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = BenchMain.run(new String[] {"--smoke", "--json", json.toString(), "--data",
                dir.resolve("data").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();

        List<String> lines = Files.readAllLines(json);
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> r = (Map<String, Object>) Json.parse(line);
            names.add((String) r.get("name"));
            assertThat(new ArrayList<>(r.keySet()).subList(0, 5))
                    .containsExactly("name", "unit", "higher_is_better", "ours", "peers");
            assertThat(r.get("unit")).isIn("MB/s", "ms", "Mrows/s");
            assertThat(r.get("higher_is_better")).isEqualTo(!"ms".equals(r.get("unit")));
            assertThat((Double) r.get("ours")).as(line).isPositive();
            Map<String, Object> peers = (Map<String, Object>) r.get("peers");
            assertThat(peers).as(line).isNotEmpty();
            assertThat(peers.keySet()).isSubsetOf("arrow-java", "arrow-flight", "raw-pump", "duckdb", "fastcsv",
                    "parquet-java");
            if (((String) r.get("name")).startsWith("csv-") || ((String) r.get("name")).startsWith("parquet-")) {
                // Issue 9's measurements: DuckDB with one thread and the Java floor side by side, in rows too.
                assertThat(peers).as(line).containsKey("duckdb");
                assertThat(peers.keySet()).as(line).containsAnyOf("fastcsv", "parquet-java");
                Map<String, Object> rates = (Map<String, Object>) r.get("mrows_per_s");
                assertThat(rates.keySet()).as(line).containsExactlyElementsOf(r.get("name").equals("csv-read")
                        ? List.of("ours", "duckdb", "fastcsv") : List.of("ours", "duckdb", "parquet-java"));
                rates.values().forEach(v -> assertThat((Double) v).as(line).isPositive());
            }
            if (((String) r.get("name")).startsWith("protocol-")) {
                // The protocol against the raw pump over the same connections; small messages in messages/s too.
                assertThat(peers.keySet()).as(line).containsExactly("raw-pump");
                assertThat(r.containsKey("messages_per_s")).as(line).isEqualTo(r.get("name").equals("protocol-small"));
                assertThat(r.containsKey("mrows_per_s")).as(line).isEqualTo(r.get("name").equals("protocol-table"));
            }
            if (r.get("name").equals("protocol-small")) {
                Map<String, Object> rates = (Map<String, Object>) r.get("messages_per_s");
                assertThat((Double) rates.get("ours")).as(line).isPositive();
                double messages = (Double) ((Map<String, Object>) r.get("rows")).get("ours");
                assertThat(messages * (5 + 64)).as(line + ": each message is a 5-byte header and 64 bytes")
                        .isLessThan((Double) ((Map<String, Object>) r.get("bytes")).get("ours"));
            }
            peers.values().forEach(v -> assertThat((Double) v).as(line).isPositive());

            Map<String, Object> rows = (Map<String, Object>) r.get("rows");
            Map<String, Object> bytes = (Map<String, Object>) r.get("bytes");
            double ourRows = (Double) rows.get("ours");
            assertThat(ourRows).as(line).isPositive();
            for (String peer : peers.keySet()) {
                if (peer.equals("raw-pump")) {
                    if (!r.get("name").equals("mmap-scan")) {
                        assertThat(bytes.get(peer)).as(line + ": the pump moves as many bytes").isEqualTo(bytes.get("ours"));
                    } else {
                        assertThat(rows.get(peer)).as(line).isEqualTo(ourRows);
                    }
                } else {
                    assertThat(rows.get(peer)).as(line + ": " + peer + " moved the same rows").isEqualTo(ourRows);
                }
            }
        }
        assertThat(names).containsExactlyElementsOf(Measurements.NAMES);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| tcp-64k |", "| ws-64k |", "| quic-64k |",
                "| webtransport-64k |", "| mmap-open |", "| protocol-small |", "| protocol-table |", "| csv-read |",
                "| parquet-write |", "| vs duckdb |");
    }
}
