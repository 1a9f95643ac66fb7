package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the writer's options do to the file, as DuckDB's {@code parquet_metadata} sees it: the
 * codec, dictionary or PLAIN encoding, statistics, row group sizes.
 */
@Timeout(60)
class FileLayoutTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ZSTD, true, true", "SNAPPY, false, true", "GZIP, true, false", "LZ4_RAW, false, false",
        "UNCOMPRESSED, true, true"})
    void optionsShowInTheFooter(ParquetCompression compression, boolean dictionary, boolean statistics) throws Exception {
        Path file = dir.resolve("layout.parquet");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            Samples.write(file, allocator, 500, ParquetWriteOptions.defaults().withCompression(compression)
                    .withDictionary(dictionary).withStatistics(statistics).withRowGroupRows(200));
        }
        try (Connection duck = DuckDb.connect(); Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT row_group_id, row_group_num_rows, path_in_schema, compression,"
                        + " encodings, stats_min, stats_max, stats_null_count FROM parquet_metadata('" + file + "')"
                        + " ORDER BY row_group_id, column_id")) {
            List<Long> rowGroupRows = new ArrayList<>();
            int nameChunks = 0;
            while (rs.next()) {
                String path = rs.getString("path_in_schema");
                assertThat(rs.getString("compression")).isEqualToIgnoringCase(compression.name());
                String encodings = rs.getString("encodings");
                if (path.equals("id")) {
                    rowGroupRows.add(rs.getLong("row_group_num_rows"));
                    if (statistics) {
                        long group = rs.getLong("row_group_id");
                        assertThat(rs.getString("stats_min")).isEqualTo(Long.toString(group * 200));
                        assertThat(rs.getString("stats_max")).isEqualTo(Long.toString(Math.min(group * 200 + 199, 499)));
                        assertThat(rs.getLong("stats_null_count")).isZero();
                    } else {
                        assertThat(rs.getString("stats_min")).isNull();
                    }
                }
                if (path.equals("name")) {
                    nameChunks++;
                    // Ten distinct names: a dictionary column when dictionaries are on, PLAIN otherwise.
                    if (dictionary) {
                        assertThat(encodings).contains("DICTIONARY");
                    } else {
                        assertThat(encodings).doesNotContain("DICTIONARY").contains("PLAIN");
                    }
                }
            }
            assertThat(rowGroupRows).containsExactly(200L, 200L, 100L);
            assertThat(nameChunks).isEqualTo(3);
        }
    }
}
