package dev.lightstream.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer's text for each type, its quoting, and round trips through the reader. */
@Timeout(60)
class CsvWriterTest {
    private static String write(RecordBatch batch, CsvWriteOptions options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter writer = CsvWriter.open(out, batch.schema(), options)) {
            writer.write(batch);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textOfEachTypeAndQuotingAsNeeded() throws Exception {
        Schema schema = Schema.of(Field.nullable("s", DataType.UTF8), Field.nullable("i", DataType.INT32),
                Field.nullable("u", DataType.UINT64), Field.nullable("f", DataType.FLOAT64),
                Field.nullable("d", DataType.decimal(10, 3)), Field.nullable("day", DataType.DATE32),
                Field.nullable("t", DataType.time(TimeUnit.MICROSECOND)),
                Field.nullable("ts", DataType.timestamp(TimeUnit.MILLISECOND, null)),
                Field.nullable("tz", DataType.timestamp(TimeUnit.SECOND, "Europe/Oslo")),
                Field.nullable("b", DataType.BINARY), Field.nullable("l", DataType.list(DataType.UTF8)),
                Field.nullable("st", DataType.struct(Field.nullable("x", DataType.INT8), Field.nullable("y", DataType.FLOAT32))),
                Field.nullable("m", DataType.map(DataType.UTF8, DataType.BOOL, false)),
                Field.nullable("iv", DataType.interval(IntervalUnit.MONTH_DAY_NANO)),
                Field.nullable("uuid", DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), "")),
                Field.nullable("dict", DataType.dictionary(DataType.INT8, DataType.UTF8)));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            builder.appendRow("a,\"b\"\nc", -7, new java.math.BigInteger("18446744073709551615"), 0.1,
                    new BigDecimal("-12.345"), 19_753, 3_723_000_001L, 1_706_659_200_123L, -1L,
                    new byte[] {0, (byte) 0xff}, java.util.Arrays.asList("x", null, "q\"t"),
                    Map.of("x", 1, "y", 2.5f), Map.of("k", true),
                    Map.of("months", 1, "days", 2, "nanoseconds", 3L),
                    java.util.HexFormat.of().parseHex("123e4567e89b12d3a456426614174000"), "red");
            builder.appendRow("", null, null, Double.NaN, null, -1, null, null, null, new byte[0], List.of(), null, null,
                    null, null, null);
            builder.appendRow("NA", 0, 0L, -0.0, null, null, null, null, null, null, null, null, null, null, null, "NA");
            try (RecordBatch batch = builder.build()) {
                String text = write(batch, CsvWriteOptions.defaults());
                assertThat(text.split("\n", -1)).containsExactly(
                        "s,i,u,f,d,day,t,ts,tz,b,l,st,m,iv,uuid,dict",
                        "\"a,\"\"b\"\"", "c\",-7,18446744073709551615,0.1,-12.345,2024-01-31,01:02:03.000001,"
                                + "2024-01-31T00:00:00.123,1969-12-31T23:59:59Z,00ff,\"[\"\"x\"\",null,\"\"q\\\"\"t\"\"]\","
                                + "\"{\"\"x\"\":1,\"\"y\"\":2.5}\",\"{\"\"k\"\":true}\","
                                + "\"{\"\"months\"\":1,\"\"days\"\":2,\"\"nanoseconds\"\":3}\","
                                + "123e4567-e89b-12d3-a456-426614174000,red",
                        "\"\",,,NaN,,1969-12-31,,,,\"\",[],,,,,",
                        "\"NA\",0,0,-0.0,,,,,,,,,,,,\"NA\"",
                        "");
                RecordBatch last = batch.slice(2, 1);
                String tabs = write(last, CsvWriteOptions.defaults().withDelimiter('\t').withNullToken("\\N")
                        .withHeader(false).withLineSeparator("\r\n").withBinaryEncoding(BinaryEncoding.BASE64));
                assertThat(tabs).isEqualTo("\"NA\"\t0\t0\t-0.0\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\"NA\"\r\n");
                StringWriter chars = new StringWriter();
                try (CsvWriter writer = CsvWriter.open(chars, schema, CsvWriteOptions.defaults().withQuoteAll(true))) {
                    writer.write(last);
                }
                last.close();
                assertThat(chars.toString()).endsWith("\"NA\",\"0\",\"0\",\"-0.0\",,,,,,,,,,,,\"NA\"\n");
            }
        }
    }

    /** Flat types the reader parses back exactly when given the schema. */
    static Schema flatTypes() {
        DataType[] types = {DataType.BOOL, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.UINT8,
            DataType.UINT16, DataType.UINT32, DataType.UINT64, DataType.FLOAT16, DataType.FLOAT32, DataType.FLOAT64,
            DataType.decimal(9, 3, 32), DataType.decimal(30, 10), DataType.decimal(70, 20, 256), DataType.DATE32,
            DataType.time(TimeUnit.SECOND), DataType.time(TimeUnit.MILLISECOND), DataType.time(TimeUnit.MICROSECOND),
            DataType.time(TimeUnit.NANOSECOND), DataType.timestamp(TimeUnit.SECOND, null),
            DataType.timestamp(TimeUnit.MILLISECOND, "UTC"), DataType.timestamp(TimeUnit.MICROSECOND, null),
            DataType.timestamp(TimeUnit.NANOSECOND, "UTC"), DataType.duration(TimeUnit.SECOND), DataType.UTF8,
            DataType.LARGE_UTF8, DataType.UTF8_VIEW, DataType.BINARY, DataType.LARGE_BINARY, DataType.BINARY_VIEW,
            DataType.fixedSizeBinary(3), DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), ""), DataType.NULL};
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            fields.add(new Field("c" + i, types[i], i % 4 != 2 || types[i] == DataType.NULL, Map.of(), Field.NO_DICTIONARY_ID));
        }
        return Schema.of(fields);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomFlatBatchesRoundTripThroughTheReader(long seed) throws Exception {
        Schema schema = flatTypes();
        RandomData random = new RandomData(seed);
        BinaryEncoding encoding = seed % 2 == 0 ? BinaryEncoding.HEX : BinaryEncoding.BASE64;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                RecordBatch batch = random.batch(allocator, schema, 200)) {
            String text = write(batch, CsvWriteOptions.defaults().withBinaryEncoding(encoding));
            try (CsvReader reader = CsvReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    allocator, CsvReadOptions.defaults().withSchema(schema).withBinaryEncoding(encoding)
                            .withBatchRows(Math.max(1, batch.rowCount())))) {
                RecordBatch back = reader.next();
                if (batch.rowCount() == 0) {
                    assertThat(back).isNull();
                    return;
                }
                try (back) {
                    for (int c = 0; c < schema.size(); c++) {
                        assertThat(ArrayEquality.defaults().compare(batch.column(c), back.column(c)))
                                .as("seed %d column %s", seed, schema.field(c)).isEmpty();
                    }
                }
                assertThat(reader.next()).isNull();
            }
        }
    }
}
