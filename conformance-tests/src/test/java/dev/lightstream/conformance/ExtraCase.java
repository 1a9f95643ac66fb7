package dev.lightstream.conformance;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.integration.IntegrationJsonWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Types the gold corpus lacks (float16, decimal64, list views, interval[month_day_nano], 64-bit
 * dictionary indices, ordered dictionaries, sorted map keys), as integration JSON
 * cases written by us: a nullable column of the type and a few rows, nulls and extremes included.
 */
enum ExtraCase {
    FLOAT16(DataType.FLOAT16, 1.5f, null, -0.0f, Float.NaN, 65504f, Float.NEGATIVE_INFINITY, 6.1e-5f),
    DECIMAL64(DataType.decimal(15, 3, 64), new BigDecimal("123456789012.345"), null, new BigDecimal("-0.001"),
            new BigDecimal("-999999999999.999")),
    LIST_VIEW(DataType.listView(DataType.INT32), List.of(1, 2), null, List.of(), Arrays.asList(3, null, 5)),
    LARGE_LIST_VIEW(DataType.largeListView(DataType.UTF8), List.of("a", "bé"), List.of(), null,
            Arrays.asList(null, "long enough to be out of line")),
    LIST_VIEW_OF_STRUCT(DataType.listView(DataType.struct(Field.nullable("x", DataType.INT64),
            Field.nullable("s", DataType.UTF8))), List.of(Arrays.asList(1L, "one"), Arrays.asList(null, "two")), null,
            List.of()),
    INTERVAL_MONTH_DAY_NANO(DataType.interval(dev.lightstream.schema.IntervalUnit.MONTH_DAY_NANO),
            Map.of("months", 1, "days", -2, "nanoseconds", 3_600_000_000_001L), null,
            Map.of("months", Integer.MIN_VALUE, "days", Integer.MAX_VALUE, "nanoseconds", Long.MIN_VALUE)),
    DICTIONARY_UINT64_INDEX(DataType.dictionary(DataType.UINT64, DataType.UTF8), "a", "b", null, "a", "c"),
    DICTIONARY_INT64_ORDERED(new DataType.Dictionary(DataType.INT64, DataType.INT32, true), 7, null, 7, -1),
    MAP_KEYS_SORTED(DataType.map(DataType.UTF8, DataType.INT32, true), new java.util.TreeMap<>(Map.of("a", 1, "b", 2)),
            null, Map.of());

    private final DataType type;
    private final Object[] values;

    ExtraCase(DataType type, Object... values) {
        this.type = type;
        this.values = values;
    }

    /** {@code generated_name}, as the gold cases are named. */
    String caseName() {
        return "generated_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Writes the case as plain integration JSON (Arrow Java's reader takes no gzip) into {@code dir}. */
    Path writeJson(Path dir, BufferAllocator allocator) throws IOException {
        Schema schema = Schema.of(Field.nullable("f0", type));
        Path json = dir.resolve(caseName() + ".json");
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            for (Object value : values) {
                builder.appendRow(value);
            }
            try (RecordBatch batch = builder.build()) {
                IntegrationJsonWriter.write(json, schema, List.of(batch));
            }
        }
        return json;
    }
}
