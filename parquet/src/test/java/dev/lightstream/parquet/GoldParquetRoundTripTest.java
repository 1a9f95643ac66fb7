package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.integration.IntegrationJsonFile;
import dev.lightstream.integration.IntegrationJsonReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.testing.ArrowTestingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data of every gold file of arrow-testing, for every column Parquet can hold, written to
 * Parquet and read back: columns whose type Parquet holds exactly are {@link ArrayEquality} equal,
 * the others equal under the documented mapping ({@link ReadBack}). Columns Parquet cannot hold
 * (unions, intervals, empty structs, anything holding them) are checked to be refused.
 */
@Timeout(120)
class GoldParquetRoundTripTest {
    @TempDir
    Path dir;

    static List<Path> goldFiles() {
        List<Path> files = ArrowTestingData.files(ArrowTestingData.integration(), ".json.gz");
        if (files.size() < 70) {
            throw new IllegalStateException("expected the whole gold corpus, found " + files.size() + " files");
        }
        return files;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("goldFiles")
    void goldDataRoundTrips(Path file) throws Exception {
        String label = file.getParent().getFileName() + "/" + file.getFileName();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                IntegrationJsonFile gold = IntegrationJsonReader.read(file, allocator)) {
            Schema schema = gold.schema();
            List<Integer> kept = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int c = 0; c < schema.size(); c++) {
                Field field = schema.field(c);
                if (!names.add(field.name())) {
                    continue; // a second top-level field of the same name: see duplicateNamesAreRefused
                }
                if (parquetHolds(field.type())) {
                    kept.add(c);
                } else {
                    Path refused = dir.resolve("refused.parquet");
                    try {
                        ParquetWriter.open(refused, Schema.of(field), ParquetWriteOptions.defaults()).close();
                        throw new AssertionError(label + ": " + field + " was not refused");
                    } catch (UnsupportedParquetTypeException e) {
                        assertThat(e.fieldPath()).startsWith(field.name());
                    }
                }
            }
            if (kept.isEmpty()) {
                return;
            }
            Schema writable = Schema.of(kept.stream().map(schema::field).toList());
            int batchIndex = 0;
            for (RecordBatch goldBatch : gold.batches()) {
                List<Array> columns = kept.stream().map(goldBatch::column).toList();
                RecordBatch batch = RecordBatch.of(writable, goldBatch.rowCount(), columns, List.of());
                Path out = dir.resolve("gold-" + batchIndex + ".parquet");
                ParquetFiles.write(out, ParquetWriteOptions.defaults().withRowGroupRows(3), batch);
                // Through the ARROW:schema footer key: every column comes back with its type, equal.
                try (ParquetReader reader = ParquetReader.open(out, allocator,
                        ParquetReadOptions.defaults().withBatchRows(Math.max(1, batch.rowCount())))) {
                    assertThat(reader.schema().fields()).as(label).isEqualTo(writable.fields());
                    RecordBatch back = reader.next();
                    if (batch.rowCount() == 0) {
                        assertThat(back).isNull();
                    } else {
                        try (back) {
                            for (int c = 0; c < writable.size(); c++) {
                                if (writable.field(c).type() instanceof DataType.Date d && d.bitWidth() == 64) {
                                    continue; // Parquet keeps the day of a date64 (docs/formats.md), checked below
                                }
                                assertThat(ArrayEquality.defaults().compare(batch.column(c), back.column(c)))
                                        .as("%s batch %d column %s", label, batchIndex, writable.field(c)).isEmpty();
                            }
                        }
                    }
                }
                // Without it: the types the Parquet schema gives, values under the documented mapping.
                try (ParquetReader reader = ParquetReader.open(out, allocator, ParquetReadOptions.defaults()
                        .withArrowSchema(false).withBatchRows(Math.max(1, batch.rowCount())))) {
                    assertThat(reader.schema().fields()).as(label).isEqualTo(ReadBack.schema(writable).fields());
                    RecordBatch back = reader.next();
                    if (batch.rowCount() == 0) {
                        assertThat(back).isNull();
                    } else {
                        try (back) {
                            assertThat(reader.next()).isNull();
                            assertThat(ReadBack.rows(back)).as("%s batch %d", label, batchIndex)
                                    .isEqualTo(ReadBack.expectedRows(batch));
                            for (int c = 0; c < writable.size(); c++) {
                                Field field = writable.field(c);
                                if (ReadBack.field(field).equals(field)) {
                                    assertThat(ArrayEquality.defaults().compare(batch.column(c), back.column(c)))
                                            .as("%s batch %d column %s", label, batchIndex, field).isEmpty();
                                }
                            }
                        }
                    }
                }
                batchIndex++;
            }
        }
    }

    /** False for the types the writer refuses: unions, intervals, empty structs, and what holds them. */
    static boolean parquetHolds(DataType type) {
        return switch (type) {
            case DataType.Union u -> false;
            case DataType.Interval i -> false;
            case DataType.Struct s when s.fields().isEmpty() -> false;
            case DataType.Struct s when s.fields().stream().map(Field::name).distinct().count() < s.fields().size() -> false;
            case DataType.FixedSizeBinary f when f.byteWidth() == 0 -> false;
            case DataType.Dictionary d -> parquetHolds(d.valueType());
            case DataType.RunEndEncoded r -> parquetHolds(r.values().type());
            case DataType.Extension e -> parquetHolds(e.storage());
            default -> type.children().stream().allMatch(f -> parquetHolds(f.type()));
        };
    }
}
