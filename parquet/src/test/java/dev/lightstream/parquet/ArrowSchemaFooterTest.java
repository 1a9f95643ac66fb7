package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.parquet.internal.ArrowSchemaMetadata;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ARROW:schema} footer key: framed as Arrow C++ frames it, written by default, read back
 * into the exact types (with projection too), ignored when malformed or turned off, and harmless to
 * DuckDB.
 */
@Timeout(60)
class ArrowSchemaFooterTest {
    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("big", DataType.LARGE_UTF8),
            Field.nullable("view", DataType.UTF8_VIEW),
            new Field("city", DataType.dictionary(DataType.INT8, DataType.UTF8), true, Map.of(), 0),
            new Field("at", DataType.timestamp(TimeUnit.SECOND, "Europe/Paris"), true, Map.of("unit", "s"),
                    Field.NO_DICTIONARY_ID),
            Field.nullable("took", DataType.duration(TimeUnit.MILLISECOND)),
            Field.nullable("xyz", DataType.fixedSizeList(DataType.FLOAT32, 3)),
            Field.nullable("tiny", DataType.decimal(5, 2, 32))), Map.of("origin", "test"));

    @TempDir
    Path dir;

    private static RecordBatch batch(BufferAllocator allocator) {
        List<Object[]> columns = List.of(
                new Object[] {"a", null, "ccc"},
                new Object[] {"short", "a string longer than twelve bytes", null},
                new Object[] {"Paris", "Lyon", "Paris"},
                new Object[] {1_700_000_000L, null, -5L},
                new Object[] {42L, 0L, null},
                new Object[] {List.of(1f, 2f, 3f), null, List.of(-0f, Float.NaN, 7f)},
                new Object[] {new java.math.BigDecimal("123.45"), null, new java.math.BigDecimal("-0.01")});
        List<dev.lightstream.array.Array> arrays = new ArrayList<>();
        List<dev.lightstream.memory.MemoryBlock> blocks = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            arrays.add(ArrayBuilder.fromList(allocator, SCHEMA.field(c).type(), java.util.Arrays.asList(columns.get(c)),
                    blocks));
        }
        return RecordBatch.of(SCHEMA, 3, arrays, blocks);
    }

    @Test
    void theValueIsAnIpcSchemaMessageWithItsContinuationAndLength() {
        byte[] message = Base64.getDecoder().decode(ArrowSchemaMetadata.encode(SCHEMA));
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(-1); // 0xFFFFFFFF
        assertThat(b.getInt(4)).isEqualTo(message.length - 8);
        assertThat(message.length % 8).isZero();
        assertThat(ArrowSchemaMetadata.decode(ArrowSchemaMetadata.encode(SCHEMA))).isEqualTo(SCHEMA);
    }

    @Test
    void malformedValuesAreIgnored() {
        assertThat(ArrowSchemaMetadata.decode("not base64!")).isNull();
        assertThat(ArrowSchemaMetadata.decode(Base64.getEncoder().encodeToString(new byte[] {-1, -1, -1, -1, 8, 0, 0, 0, 1, 2})))
                .isNull();
        assertThat(ArrowSchemaMetadata.decode(null)).isNull();
    }

    @Test
    void typesComeBackExactlyAndDuckDbStillReadsTheFile() throws Exception {
        Path file = dir.resolve("arrow-schema.parquet");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking(); RecordBatch written = batch(allocator)) {
            ParquetFiles.write(file, ParquetWriteOptions.defaults().withMetadata(Map.of("k", "v")), written);
            try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults())) {
                assertThat(reader.schema().fields()).isEqualTo(SCHEMA.fields());
                assertThat(reader.schema().metadata()).containsEntry("origin", "test").containsEntry("k", "v")
                        .doesNotContainKey(ArrowSchemaMetadata.KEY);
                assertThat(reader.metadata()).containsKey(ArrowSchemaMetadata.KEY);
                try (RecordBatch back = reader.next()) {
                    for (int c = 0; c < SCHEMA.size(); c++) {
                        assertThat(ArrayEquality.defaults().compare(written.column(c), back.column(c)))
                                .as(SCHEMA.field(c).toString()).isEmpty();
                    }
                }
            }
            // A projection keeps the restored types of the columns it keeps.
            try (ParquetReader reader = ParquetReader.open(file, allocator,
                    ParquetReadOptions.defaults().withColumns(List.of("took", "big")))) {
                assertThat(reader.schema().fields()).containsExactly(SCHEMA.field(0), SCHEMA.field(4));
                try (RecordBatch back = reader.next()) {
                    assertThat(ArrayEquality.defaults().compare(written.column(4), back.column(1))).isEmpty();
                }
            }
            // Turned off: the Parquet types.
            try (ParquetReader reader = ParquetReader.open(file, allocator,
                    ParquetReadOptions.defaults().withArrowSchema(false))) {
                assertThat(reader.schema().field("big").type()).isEqualTo(DataType.UTF8);
                assertThat(reader.schema().field("took").type()).isEqualTo(DataType.INT64);
                assertThat(reader.schema().field("at").type()).isEqualTo(DataType.timestamp(TimeUnit.MILLISECOND, "UTC"));
            }
        }
        try (Connection duck = DuckDb.connect(); Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT big, view, city, took, xyz::VARCHAR, tiny::VARCHAR FROM read_parquet('"
                        + file + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("a");
            assertThat(rs.getString(3)).isEqualTo("Paris");
            assertThat(rs.getLong(4)).isEqualTo(42L);
            assertThat(rs.getString(5)).isEqualTo("[1.0, 2.0, 3.0]");
            assertThat(rs.getString(6)).isEqualTo("123.45");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("a string longer than twelve bytes");
        }
    }

    @Test
    void writersCanLeaveItOut() throws Exception {
        Path file = dir.resolve("plain.parquet");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking(); RecordBatch written = batch(allocator)) {
            ParquetFiles.write(file, ParquetWriteOptions.defaults().withArrowSchema(false), written);
            try (ParquetReader reader = ParquetReader.open(file, allocator, ParquetReadOptions.defaults())) {
                assertThat(reader.metadata()).doesNotContainKey(ArrowSchemaMetadata.KEY);
                assertThat(reader.schema().field("view").type()).isEqualTo(DataType.UTF8);
            }
        }
    }
}
