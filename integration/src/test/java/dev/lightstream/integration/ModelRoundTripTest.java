package dev.lightstream.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.Float16Array;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.IntervalArray;
import dev.lightstream.array.ListViewArray;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.integration.Difference.Kind;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Types no gold file holds (float16, list views, month-day-nano intervals, decimal32/64, NaN and
 * infinities), read from hand-written JSON, written back and read again.
 */
@Timeout(30)
class ModelRoundTripTest {
    static final String OTHER_TYPES = """
            {"schema": {"fields": [
              {"name": "h", "type": {"name": "floatingpoint", "precision": "HALF"}, "nullable": true, "children": []},
              {"name": "f", "type": {"name": "floatingpoint", "precision": "SINGLE"}, "nullable": false, "children": []},
              {"name": "g", "type": {"name": "floatingpoint", "precision": "DOUBLE"}, "nullable": false, "children": []},
              {"name": "lv", "type": {"name": "listview"}, "nullable": true, "children": [
                {"name": "item", "type": {"name": "int", "isSigned": false, "bitWidth": 16}, "nullable": true, "children": []}]},
              {"name": "llv", "type": {"name": "largelistview"}, "nullable": true, "children": [
                {"name": "item", "type": {"name": "utf8"}, "nullable": true, "children": []}]},
              {"name": "mdn", "type": {"name": "interval", "unit": "MONTH_DAY_NANO"}, "nullable": true, "children": []},
              {"name": "d32", "type": {"name": "decimal", "precision": 7, "scale": 2, "bitWidth": 32}, "nullable": true, "children": []},
              {"name": "d64", "type": {"name": "decimal", "precision": 18, "scale": 3, "bitWidth": 64}, "nullable": true, "children": []},
              {"name": "dict", "type": {"name": "int", "isSigned": true, "bitWidth": 64}, "nullable": true, "children": [],
               "dictionary": {"id": 7, "indexType": {"name": "int", "isSigned": false, "bitWidth": 32}, "isOrdered": true}}]},
             "dictionaries": [{"id": 7, "data": {"count": 2, "columns": [
               {"name": "DICT7", "count": 2, "VALIDITY": [1, 1], "DATA": ["-9223372036854775808", "9223372036854775807"]}]}}],
             "batches": [{"count": 3, "columns": [
               {"name": "h", "count": 3, "VALIDITY": [1, 0, 1], "DATA": [1.5, 0, -65504]},
               {"name": "f", "count": 3, "VALIDITY": [1, 1, 1], "DATA": ["NaN", "-Infinity", -0.0]},
               {"name": "g", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [0.1, "Infinity", 1e-300]},
               {"name": "lv", "count": 3, "VALIDITY": [1, 0, 1], "OFFSET": [2, 0, 0], "SIZE": [2, 0, 3], "children": [
                 {"name": "item", "count": 4, "VALIDITY": [1, 1, 0, 1], "DATA": [65535, 1, 0, 7]}]},
               {"name": "llv", "count": 3, "VALIDITY": [1, 1, 1], "OFFSET": ["1", "0", "0"], "SIZE": ["1", "2", "0"], "children": [
                 {"name": "item", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 1, 3], "DATA": ["a", "bc"]}]},
               {"name": "mdn", "count": 3, "VALIDITY": [1, 0, 1],
                "DATA": [{"months": -1, "days": 2, "nanoseconds": 9223372036854775807}, {}, {"months": 0, "days": 0, "nanoseconds": "-5"}]},
               {"name": "d32", "count": 3, "VALIDITY": [1, 1, 0], "DATA": ["-9999999", "12345", "0"]},
               {"name": "d64", "count": 3, "VALIDITY": [1, 1, 1], "DATA": ["999999999999999999", "-1", "0"]},
               {"name": "dict", "count": 3, "VALIDITY": [1, 0, 1], "DATA": [1, 4000000000, 0]}]}]}
            """;

    private LeakCheckingAllocator allocator;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    @Test
    void otherTypesReadWriteAndReadBack() throws Exception {
        try (IntegrationJsonFile first = JsonDocs.read(OTHER_TYPES, allocator)) {
            RecordBatch batch = first.batches().getFirst();
            Float16Array h = (Float16Array) batch.column("h");
            assertThat(h.getFloat(0)).isEqualTo(1.5f);
            assertThat(h.getFloat(2)).isEqualTo(-65504f);
            Float32Array f = (Float32Array) batch.column("f");
            assertThat(f.get(0)).isNaN();
            assertThat(f.get(1)).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(Float.floatToRawIntBits(f.get(2))).isEqualTo(Float.floatToRawIntBits(-0.0f));
            Float64Array g = (Float64Array) batch.column("g");
            assertThat(g.get(0)).isEqualTo(0.1);
            assertThat(g.get(2)).isEqualTo(1e-300);
            ListViewArray lv = (ListViewArray) batch.column("lv");
            assertThat(lv.getObject(0)).isEqualTo(Arrays.asList(null, 7));
            assertThat(lv.getObject(2)).isEqualTo(Arrays.asList(65535, 1, null));
            assertThat(batch.column("llv").getObject(1)).isEqualTo(Arrays.asList("a", "bc"));
            IntervalArray mdn = (IntervalArray) batch.column("mdn");
            assertThat(mdn.getMonths(0)).isEqualTo(-1);
            assertThat(mdn.getNanos(0)).isEqualTo(Long.MAX_VALUE);
            assertThat(mdn.getNanos(2)).isEqualTo(-5);
            assertThat(((DecimalArray) batch.column("d32")).get(0)).isEqualTo(new BigDecimal("-99999.99"));
            assertThat(((DecimalArray) batch.column("d64")).get(0)).isEqualTo(new BigDecimal("999999999999999.999"));
            assertThat(batch.column("dict").getObject(0)).isEqualTo(Long.MAX_VALUE);
            assertThat(batch.column("dict").type())
                    .isEqualTo(new DataType.Dictionary(DataType.UINT32, DataType.INT64, true));

            String written = IntegrationJsonWriter.toJson(first.data());
            assertThat(written).contains("\"NaN\"", "\"-Infinity\"", "\"SIZE\": [", "\"precision\": \"HALF\"",
                    "\"nanoseconds\": 9223372036854775807", "\"isOrdered\": true");
            try (IntegrationJsonFile second = JsonDocs.read(written, allocator)) {
                Comparison result = IntegrationComparator.strict().compare(first.data(), second.data());
                assertThat(result.isEqual()).as("%s", result).isTrue();
            }
        }
    }

    @Test
    void floatsCompareBitForBitExceptNaN() throws Exception {
        String changed = OTHER_TYPES.replace("\"DATA\": [\"NaN\", \"-Infinity\", -0.0]", "\"DATA\": [\"NaN\", \"-Infinity\", 0.0]");
        String otherNaN = OTHER_TYPES;
        try (IntegrationJsonFile a = JsonDocs.read(OTHER_TYPES, allocator);
                IntegrationJsonFile b = JsonDocs.read(changed, allocator);
                IntegrationJsonFile c = JsonDocs.read(otherNaN, allocator)) {
            // A NaN with another payload still equals NaN.
            var nan = ((Float32Array) c.batches().getFirst().column("f")).values();
            nan.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0, 0x7fc00123);
            assertThat(IntegrationComparator.strict().compare(a.data(), c.data()).isEqual()).isTrue();
            Comparison result = IntegrationComparator.strict().compare(a.data(), b.data());
            assertThat(result.differences()).containsExactly(
                    new Difference(Kind.VALUE, "f", 0, 2, "expected -0.0 but was 0.0"));
        }
    }

    @Test
    void legacyGoldFilesNeedTheirQuirks() throws Exception {
        try (IntegrationJsonFile json = IntegrationJsonReader.read(GoldFiles.of("1.0.0-littleendian", "decimal"), allocator)) {
            Comparison strict = IntegrationComparator.strict().compare(json.data(), json.data());
            assertThat(strict.differences()).isNotEmpty().allMatch(d -> d.kind() == Kind.INVALID)
                    .anyMatch(d -> d.detail().contains("does not fit precision"));
            Comparison lenient = IntegrationComparator.withQuirks(Quirk.forGoldFolder("1.0.0-littleendian"))
                    .compare(json.data(), json.data());
            assertThat(lenient.isEqual()).isTrue();
        }
        assertThat(Quirk.forGoldFolder("cpp-21.0.0")).isEmpty();
        assertThat(Quirk.forGoldFolder("0.17.1")).containsExactlyInAnyOrder(Quirk.values());
    }

    @Test
    void datesAndTimesAreValidated() throws Exception {
        String json = """
                {"schema": {"fields": [
                  {"name": "d", "type": {"name": "date", "unit": "MILLISECOND"}, "nullable": true, "children": []},
                  {"name": "t", "type": {"name": "time", "unit": "SECOND", "bitWidth": 32}, "nullable": true, "children": []}]},
                 "batches": [{"count": 2, "columns": [
                   {"name": "d", "count": 2, "VALIDITY": [1, 0], "DATA": ["86400001", "5"]},
                   {"name": "t", "count": 2, "VALIDITY": [0, 1], "DATA": [-1, 86400]}]}]}
                """;
        try (IntegrationJsonFile file = JsonDocs.read(json, allocator)) {
            Comparison strict = IntegrationComparator.strict().compare(file.data(), file.data());
            assertThat(strict.differences()).contains(
                    new Difference(Kind.INVALID, "d", 0, 0, "expected side: date64 86400001 is not a whole number of days"),
                    new Difference(Kind.INVALID, "t", 0, 1, "expected side: time 86400 is outside 0..86399"));
            assertThat(IntegrationComparator.withQuirks(java.util.EnumSet.of(Quirk.NO_DATE64_VALIDATE, Quirk.NO_TIMES_VALIDATE))
                    .compare(file.data(), file.data()).isEqual()).isTrue();
        }
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 2, 8, 123})
    void readsFromAStreamThatGivesFewBytesAtATime(int chunk) throws Exception {
        byte[] gzip = Files.readAllBytes(GoldFiles.of("cpp-21.0.0", "nested"));
        try (IntegrationJsonFile whole = IntegrationJsonReader.read(new ByteArrayInputStream(gzip), allocator);
                IntegrationJsonFile trickled = IntegrationJsonReader.read(new Chunked(new ByteArrayInputStream(gzip), chunk), allocator)) {
            assertThat(IntegrationComparator.strict().compare(whole.data(), trickled.data()).isEqual()).isTrue();
        }
    }

    /** An input stream that returns at most {@code chunk} bytes per read. */
    static final class Chunked extends FilterInputStream {
        private final int chunk;

        Chunked(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
