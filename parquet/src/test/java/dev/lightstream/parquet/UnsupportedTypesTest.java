package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Types Parquet cannot hold get a checked exception naming the field; values it cannot hold, an unchecked one. */
@Timeout(30)
class UnsupportedTypesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> refused() {
        Field union = Field.nullable("u", DataType.sparseUnion(Field.nullable("i", DataType.INT32)));
        return Stream.of(
                Arguments.of(Schema.of(Field.of("id", DataType.INT32), union), "u"),
                Arguments.of(Schema.of(Field.nullable("shape", DataType.struct(Field.of("x", DataType.INT8), union))), "shape.u"),
                Arguments.of(Schema.of(Field.nullable("l", DataType.list(DataType.denseUnion(Field.nullable("s", DataType.UTF8))))), "l.item"),
                Arguments.of(Schema.of(Field.nullable("span", DataType.interval(IntervalUnit.DAY_TIME))), "span"),
                Arguments.of(Schema.of(Field.nullable("empty", DataType.struct())), "empty"),
                Arguments.of(Schema.of(Field.of("x", DataType.INT8), Field.of("x", DataType.UTF8)), "x"),
                Arguments.of(Schema.of(Field.nullable("fsb0", DataType.fixedSizeBinary(0))), "fsb0"),
                Arguments.of(Schema.of(), ""));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusedWithTheFieldPath(Schema schema, String path) {
        Path file = dir.resolve("refused.parquet");
        assertThatThrownBy(() -> ParquetWriter.open(file, schema, ParquetWriteOptions.defaults()))
                .isInstanceOfSatisfying(UnsupportedParquetTypeException.class, e -> {
                    assertThat(e.fieldPath()).isEqualTo(path);
                    assertThat(e.getMessage()).contains("'" + path + "'");
                });
    }

    @Test
    void valuesOutsideTheParquetRangeAreTheCallersMistake() throws Exception {
        Schema schema = Schema.of(Field.of("t", DataType.timestamp(TimeUnit.SECOND, null)));
        Path file = dir.resolve("overflow.parquet");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            builder.appendRow(Long.MAX_VALUE / 10);
            try (RecordBatch batch = builder.build(); ParquetWriter writer = ParquetWriter.open(file, schema,
                    ParquetWriteOptions.defaults())) {
                assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("failed");
            }
        }
        assertThat(Files.size(file)).isLessThan(100);
    }

    @Test
    void aBatchOfAnotherSchemaIsRefused() throws Exception {
        Schema schema = Schema.of(Field.of("a", DataType.INT32));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, Schema.of(Field.of("b", DataType.INT32)));
                ParquetWriter writer = ParquetWriter.open(dir.resolve("a.parquet"), schema, ParquetWriteOptions.defaults())) {
            builder.appendRow(1);
            try (RecordBatch batch = builder.build()) {
                assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not the writer's");
            }
        }
    }
}
