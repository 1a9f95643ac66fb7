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
 * DuckDB and the Java peers beside ours. Timing is not checked.
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
                "| webtransport-64k |", "| mmap-open |", "| csv-read |",
                "| parquet-write |", "| vs duckdb |");
    }
}
