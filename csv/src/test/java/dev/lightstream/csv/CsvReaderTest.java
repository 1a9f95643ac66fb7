package dev.lightstream.csv;

import static dev.lightstream.csv.Csv.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every option of the reader, each checked by the values it reads. */
@Timeout(30)
class CsvReaderTest {
    LeakCheckingAllocator allocator;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private Csv.Result read(String text, CsvReadOptions options) throws Exception {
        return Csv.read(text, allocator, options);
    }

    private Csv.Result read(String text) throws Exception {
        return read(text, CsvReadOptions.defaults());
    }

    @Test
    void quotesDelimitersAndEmbeddedLineBreaks() throws Exception {
        String text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"cr\r\nlf\"\n";
        Csv.Result r = read(text);
        assertThat(r.schema().fields()).containsExactly(Field.nullable("a", DataType.UTF8), Field.nullable("b", DataType.UTF8));
        assertThat(r.rows()).containsExactly(row("x, y", "say \"hi\""), row("two\nlines", "cr\r\nlf"));
    }

    @Test
    void escapeCharacterInsideAndOutsideQuotes() throws Exception {
        String text = "a;b\n\"q\\\"uote\";semi\\;colon\n";
        Csv.Result r = read(text, CsvReadOptions.defaults().withDelimiter(';').withEscape('\\'));
        assertThat(r.rows()).containsExactly(row("q\"uote", "semi;colon"));
    }

    @Test
    void otherQuoteCharacterAndNoQuoting() throws Exception {
        assertThat(read("a\n'x,y'\n", CsvReadOptions.defaults().withQuote('\'').withInferRows(0)).rows())
                .containsExactly(row("x,y"));
        assertThat(read("a|b\n\"x|\"\n", CsvReadOptions.defaults().withDelimiter('|').withoutQuote()).rows())
                .containsExactly(row("\"x", "\""));
    }

    @Test
    void nullTokensDefaultAndCustom() throws Exception {
        String text = "a,b\n,NA\nnull,NULL\n\"\",\"NA\"\n-,x\n";
        assertThat(read(text).rows()).containsExactly(row(null, null), row(null, null), row("", "NA"), row("-", "x"));
        assertThat(read(text, CsvReadOptions.defaults().withNullTokens(Set.of("-"))).rows())
                .containsExactly(row("", "NA"), row("null", "NULL"), row("", "NA"), row(null, "x"));
    }

    @Test
    void inferenceOfEachType() throws Exception {
        String text = """
                b,i,f,d,ts,tz,ns,s,empty
                true,1,1.5,2024-01-31,2024-01-31 10:11:12,2024-01-31T10:11:12+02:00,2024-01-31T00:00:00.123456789,x,
                FALSE,-9223372036854775808,-2e3,1970-01-01,2024-02-29T00:00:00.5,2024-01-31 10:11:12Z,2024-01-31 00:00:01,1,
                ,,inf,,,,,,
                """;
        Csv.Result r = read(text);
        assertThat(r.schema().fields().stream().map(Field::type)).containsExactly(DataType.BOOL, DataType.INT64,
                DataType.FLOAT64, DataType.DATE32, DataType.timestamp(TimeUnit.MICROSECOND, null),
                DataType.timestamp(TimeUnit.MICROSECOND, "UTC"), DataType.timestamp(TimeUnit.NANOSECOND, null),
                DataType.UTF8, DataType.UTF8);
        long day = 19_753; // 2024-01-31
        assertThat(r.rows().get(0)).containsExactly(true, 1L, 1.5, (int) day, (day * 86_400 + 36_672) * 1_000_000,
                (day * 86_400 + 36_672 - 7200) * 1_000_000, day * 86_400_000_000_000L + 123_456_789, "x", null);
        assertThat(r.rows().get(1)).containsExactly(false, Long.MIN_VALUE, -2000.0, 0,
                (19_782L * 86_400) * 1_000_000 + 500_000, (day * 86_400 + 36_672) * 1_000_000,
                (day * 86_400 + 1) * 1_000_000_000L, "1", null);
        assertThat(r.rows().get(2)).containsExactly(null, null, Double.POSITIVE_INFINITY, null, null, null, null, null, null);
    }

    @Test
    void decimalsWhenAskedFloatsOtherwise() throws Exception {
        String text = "p\n12.50\n-0.125\n7\n";
        assertThat(read(text).schema().field(0).type()).isEqualTo(DataType.FLOAT64);
        Csv.Result r = read(text, CsvReadOptions.defaults().withInferDecimal(true));
        assertThat(r.schema().field(0).type()).isEqualTo(DataType.decimal(5, 3));
        assertThat(r.rows()).containsExactly(row(new BigDecimal("12.500")), row(new BigDecimal("-0.125")),
                row(new BigDecimal("7.000")));
    }

    @Test
    void mixedOffsetsAndOverflowFallBack() throws Exception {
        Csv.Result r = read("t,n\n2024-01-01T00:00:00Z,9223372036854775808\n2024-01-01T00:00:00,1\n");
        assertThat(r.schema().field(0).type()).isEqualTo(DataType.UTF8);
        assertThat(r.schema().field(1).type()).isEqualTo(DataType.FLOAT64);
    }

    @Test
    void aGivenSchemaOfEveryParsableType() throws Exception {
        Schema schema = Schema.of(Field.nullable("i8", DataType.INT8), Field.nullable("u64", DataType.UINT64),
                Field.nullable("f32", DataType.FLOAT32), Field.nullable("f16", DataType.FLOAT16),
                Field.nullable("dec", DataType.decimal(5, 2)), Field.nullable("d64", DataType.DATE64),
                Field.nullable("t32", DataType.time(TimeUnit.MILLISECOND)), Field.nullable("t64", DataType.time(TimeUnit.NANOSECOND)),
                Field.nullable("ts", DataType.timestamp(TimeUnit.SECOND, "UTC")), Field.nullable("bin", DataType.BINARY),
                Field.nullable("fsb", DataType.fixedSizeBinary(2)), Field.nullable("uuid",
                        DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), "")),
                Field.nullable("dur", DataType.duration(TimeUnit.MILLISECOND)), Field.nullable("view", DataType.UTF8_VIEW),
                Field.nullable("large", DataType.LARGE_UTF8), Field.nullable("bvw", DataType.BINARY_VIEW),
                Field.nullable("nothing", DataType.NULL));
        String text = "header ignored for names,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\n"
                + "-128,18446744073709551615,0.25,1.5,-123.45,2000-01-02,23:59:59.999,00:00:00.000000001,"
                + "1970-01-01 00:00:01+00,cafe,0a0b,123e4567-e89b-12d3-a456-426614174000,-5,a view longer than twelve,"
                + "large,00ff,\n";
        Csv.Result r = read(text, CsvReadOptions.defaults().withSchema(schema));
        assertThat(r.schema()).isEqualTo(schema);
        assertThat(r.rows()).containsExactly(row((byte) -128, new BigInteger("18446744073709551615"), 0.25f, 1.5f,
                new BigDecimal("-123.45"), 946_771_200_000L, 86_399_999, 1L, 1L, "cafe", "0a0b",
                "123e4567e89b12d3a456426614174000", -5L, "a view longer than twelve", "large", "00ff", null));
        Csv.Result base64 = read("b\nAAH/\n", CsvReadOptions.defaults().withBinaryEncoding(BinaryEncoding.BASE64)
                .withSchema(Schema.of(Field.nullable("b", DataType.BINARY))));
        assertThat(base64.rows()).containsExactly(row("0001ff"));
    }

    @Test
    void valuesOutsideTheDeclaredTypeAreBadRows() throws Exception {
        Schema schema = Schema.of(Field.nullable("i8", DataType.INT8), Field.nullable("dec", DataType.decimal(3, 1)),
                Field.of("req", DataType.UTF8));
        for (String line : List.of("128,1.0,x", "1,12.34,x", "1,123.4,x", "1,1.0,")) {
            assertThatThrownBy(() -> read("a,b,c\n" + line + "\n", CsvReadOptions.defaults().withSchema(schema)))
                    .as(line).isInstanceOf(CsvFormatException.class);
        }
    }

    @Test
    void dictionaryColumns() throws Exception {
        Csv.Result r = read("city,n\nOslo,1\nLima,2\nOslo,3\n,4\n", CsvReadOptions.defaults()
                .withDictionaryColumns(Set.of("city", "n")));
        assertThat(r.schema().field(0).type()).isEqualTo(DataType.dictionary(DataType.INT32, DataType.UTF8));
        assertThat(r.schema().field(1).type()).isEqualTo(DataType.dictionary(DataType.INT32, DataType.INT64));
        assertThat(r.rows()).containsExactly(row("Oslo", 1L), row("Lima", 2L), row("Oslo", 3L), row(null, 4L));
        try (CsvReader reader = CsvReader.open(new StringReader("c\na\nb\na\na\n"), allocator,
                CsvReadOptions.defaults().withDictionaryColumns(Set.of("c")));
                dev.lightstream.array.RecordBatch batch = reader.next()) {
            dev.lightstream.array.DictionaryArray cities = (dev.lightstream.array.DictionaryArray) batch.column(0);
            assertThat(cities.dictionary().length()).isEqualTo(2);
            assertThat(List.of(cities.index(0), cities.index(1), cities.index(2), cities.index(3))).containsExactly(0L, 1L, 0L, 0L);
        }
        assertThatThrownBy(() -> read("a\n1\n", CsvReadOptions.defaults().withDictionaryColumns(Set.of("zz"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zz");
    }

    @Test
    void badRowsNameLineColumnFieldAndText() throws Exception {
        String text = "id,price\n1,2.5\n\"multi\nline\",3\n2,abc\n3,4,5\n4,5\n";
        Schema schema = Schema.of(Field.nullable("id", DataType.UTF8), Field.nullable("price", DataType.FLOAT64));
        try (CsvReader reader = CsvReader.open(new StringReader(text), allocator,
                CsvReadOptions.defaults().withSchema(schema))) {
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvFormatException.class, e -> {
                assertThat(e.line()).isEqualTo(5);
                assertThat(e.column()).isEqualTo(2);
                assertThat(e.field()).isEqualTo("price");
                assertThat(e.text()).isEqualTo("abc");
                assertThat(e.getMessage()).isEqualTo("line 5, column 2 (price): \"abc\" is not a value of type float64");
            });
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvFormatException.class, e -> {
                assertThat(e.line()).isEqualTo(6);
                assertThat(e.column()).isZero();
                assertThat(e.getMessage()).contains("has 3 fields, expected 2");
            });
            try (dev.lightstream.array.RecordBatch batch = reader.next()) {
                assertThat(Csv.rows(batch)).containsExactly(row("1", 2.5), row("multi\nline", 3.0), row("4", 5.0));
            }
            assertThat(reader.next()).isNull();
        }
        Csv.Result skipped = read(text, CsvReadOptions.defaults().withSchema(schema).withSkipBadRows(true));
        assertThat(skipped.skipped()).isEqualTo(2);
        assertThat(skipped.rows()).containsExactly(row("1", 2.5), row("multi\nline", 3.0), row("4", 5.0));
    }

    @Test
    void longTextIsTruncatedInTheException() {
        String text = "n\n" + "x".repeat(500) + "\n";
        assertThatThrownBy(() -> read(text, CsvReadOptions.defaults().withSchema(Schema.of(Field.nullable("n", DataType.INT64)))))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.text()).hasSize(83).endsWith("...");
                    assertThat(e.getMessage()).hasSizeLessThan(200);
                });
    }

    @Test
    void headerNamesAndBlankLines() throws Exception {
        assertThat(read("\uFEFFa,b\n\n1,2\n\r\n3,4", CsvReadOptions.defaults()).rows()).containsExactly(row(1L, 2L), row(3L, 4L));
        Csv.Result noHeader = read("1,x\n2,y\n", CsvReadOptions.defaults().withHeader(false));
        assertThat(noHeader.schema().fields().stream().map(Field::name)).containsExactly("f0", "f1");
        assertThat(noHeader.rows()).containsExactly(row(1L, "x"), row(2L, "y"));
        Csv.Result named = read("a,b\n1,x\n", CsvReadOptions.defaults().withColumnNames(List.of("id", "name")));
        assertThat(named.schema().fields().stream().map(Field::name)).containsExactly("id", "name");
        assertThat(read("a,b\n").rows()).isEmpty();
        assertThat(read("a,b\n").schema().fields()).hasSize(2);
        assertThat(read("").schema().fields()).isEmpty();
        assertThat(read("a,b\n1,\n").rows()).containsExactly(row(1L, null));
    }

    @Test
    void inferenceLooksOnlyAtTheFirstRowsAndLaterMisfitsAreBadRows() throws Exception {
        String text = "n\n1\n2\nthree\n4\n";
        try (CsvReader reader = CsvReader.open(new StringReader(text), allocator, CsvReadOptions.defaults().withInferRows(2))) {
            assertThat(reader.schema().field(0).type()).isEqualTo(DataType.INT64);
        }
        assertThatThrownBy(() -> read(text, CsvReadOptions.defaults().withInferRows(2)))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(4));
        assertThat(read(text).schema().field(0).type()).isEqualTo(DataType.UTF8);
        Csv.Result skipped = read(text, CsvReadOptions.defaults().withInferRows(2).withSkipBadRows(true));
        assertThat(skipped.rows()).containsExactly(row(1L), row(2L), row(4L));
        assertThat(skipped.skipped()).isEqualTo(1);
    }

    @Test
    void readersOfEveryKindOfInput() throws Exception {
        String text = "a\nzürich\n";
        try (CsvReader reader = CsvReader.open(new StringReader(text), allocator, CsvReadOptions.defaults())) {
            assertThat(Csv.read(reader).rows()).containsExactly(row("zürich"));
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("lightstream", ".csv");
        try {
            java.nio.file.Files.writeString(file, text);
            assertThat(Csv.read(CsvReader.open(file, allocator, CsvReadOptions.defaults())).rows()).containsExactly(row("zürich"));
        } finally {
            java.nio.file.Files.delete(file);
        }
        assertThat(Map.of()).isEmpty();
    }
}
