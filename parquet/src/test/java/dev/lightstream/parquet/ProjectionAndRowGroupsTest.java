package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Row groups of the configured size, batches of the chosen size across them, column projection, row-group selection. */
@Timeout(60)
class ProjectionAndRowGroupsTest {
    @TempDir
    Path dir;
    Path file;
    LeakCheckingAllocator allocator;

    @BeforeEach
    void writeSample() throws Exception {
        allocator = BufferAllocator.leakChecking();
        file = dir.resolve("sample.parquet");
        Samples.write(file, allocator, 1000, ParquetWriteOptions.defaults().withRowGroupRows(100));
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private List<Long> ids(ParquetReadOptions options, List<Integer> batchSizes) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file, allocator, options)) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    batchSizes.add(batch.rowCount());
                    Int64Array id = (Int64Array) batch.column("id");
                    for (int i = 0; i < batch.rowCount(); i++) {
                        ids.add(id.get(i));
                    }
                }
            }
        }
        return ids;
    }

    @Test
    void rowGroupsHaveTheConfiguredSizeAndBatchesSpanThem() throws Exception {
        try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults())) {
            assertThat(reader.rowGroupCount()).isEqualTo(10);
            assertThat(reader.rowCount()).isEqualTo(1000);
        }
        List<Integer> sizes = new ArrayList<>();
        List<Long> ids = ids(ParquetReadOptions.defaults().withBatchRows(250), sizes);
        assertThat(sizes).containsExactly(250, 250, 250, 250);
        assertThat(ids).hasSize(1000).isSorted().startsWith(0L).endsWith(999L);
    }

    @Test
    void selectedRowGroupsAreReadInTheOrderGiven() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        List<Long> ids = ids(ParquetReadOptions.defaults().withRowGroups(List.of(7, 2)).withBatchRows(1000), sizes);
        assertThat(sizes).containsExactly(200);
        assertThat(ids.subList(0, 100)).containsExactlyElementsOf(range(700, 800));
        assertThat(ids.subList(100, 200)).containsExactlyElementsOf(range(200, 300));
        try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults().withRowGroups(List.of(9)))) {
            assertThat(reader.rowCount()).isEqualTo(100);
        }
    }

    @Test
    void projectionKeepsTheNamedColumnsAndNestedParts() throws Exception {
        ParquetReadOptions options = ParquetReadOptions.defaults().withColumns(List.of("s.b", "id"));
        try (ParquetReader reader = ParquetReader.open(file, allocator, options)) {
            assertThat(reader.schema().fields()).containsExactly(Field.of("id", DataType.INT64),
                    Field.nullable("s", DataType.struct(Field.nullable("b", DataType.UTF8))));
            try (RecordBatch batch = reader.next()) {
                assertThat(batch.rowCount()).isEqualTo(1000);
                assertThat(batch.column("s").getObject(0)).isNull();
                assertThat(batch.column("s").getObject(7)).isEqualTo(Map.of("b", "b7"));
                assertThat(batch.column("id").getObject(7)).isEqualTo(7L);
            }
        }
        try (ParquetReader reader = ParquetReader.open(file, allocator,
                ParquetReadOptions.defaults().withColumns(List.of("l", "m")))) {
            Schema schema = reader.schema();
            assertThat(schema.fields().stream().map(Field::name)).containsExactly("l", "m");
            try (RecordBatch batch = reader.next()) {
                assertThat(batch.column("l").getObject(3)).isNull();
                assertThat(batch.column("l").getObject(4)).isEqualTo(List.of(4, 5));
                assertThat(batch.column("m").getObject(4)).isEqualTo(List.of(Map.of("k4", 4L)));
            }
        }
    }

    @Test
    void badSelectionsAreTheCallersMistake() {
        assertThatThrownBy(() -> ParquetReader.open(file, allocator, ParquetReadOptions.defaults()
                .withColumns(List.of("s.nope")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s.nope");
        assertThatThrownBy(() -> ParquetReader.open(file, allocator, ParquetReadOptions.defaults()
                .withRowGroups(List.of(10)))).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index=10");
    }

    @Test
    void channelsAndStreamsInAndOut() throws Exception {
        Path copy = dir.resolve("copy.parquet");
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(copy,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults());
                ParquetWriter writer = ParquetWriter.open(out, reader.schema(), ParquetWriteOptions.defaults()
                        .withCompression(ParquetCompression.parse("lz4")).withMetadata(Map.of("origin", "test")))) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    writer.write(batch);
                }
            }
            assertThat(writer.rowsWritten()).isEqualTo(1000);
        }
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(copy);
                ParquetReader reader = ParquetReader.open(in, allocator, ParquetReadOptions.defaults())) {
            assertThat(reader.metadata()).containsEntry("origin", "test");
            assertThat(reader.schema().metadata()).containsEntry("origin", "test");
            try (RecordBatch batch = reader.next()) {
                assertThat(batch.rowCount()).isEqualTo(1000);
                assertThat(batch.column("m").getObject(999)).isEqualTo(List.of(Map.of("k999", 999L)));
            }
            assertThat(reader.rowsRead()).isEqualTo(1000);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ParquetWriter writer = ParquetWriter.open(bytes, Samples.SCHEMA, ParquetWriteOptions.defaults())) {
            assertThat(writer.schema()).isEqualTo(Samples.SCHEMA);
        }
        assertThat(bytes.toByteArray()).startsWith('P', 'A', 'R', '1').endsWith('P', 'A', 'R', '1');
    }

    private static List<Long> range(long from, long to) {
        List<Long> list = new ArrayList<>();
        for (long i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }
}
