package dev.lightstream.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed CSV raises {@link CsvFormatException} with its place, never an unchecked exception, and leaks nothing. */
@Timeout(60)
class MalformedCsvTest {
    private static void readAll(byte[] bytes, CsvReadOptions options) throws IOException {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                CsvReader reader = CsvReader.open(new ByteArrayInputStream(bytes), allocator, options)) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                next.close();
            }
        }
    }

    private static void readAll(String text, CsvReadOptions options) throws IOException {
        readAll(text.getBytes(StandardCharsets.UTF_8), options);
    }

    @Test
    void aQuoteNeverClosed() {
        assertThatThrownBy(() -> readAll("a,b\n1,2\n3,\"open\nstill open", CsvReadOptions.defaults()))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("never closed");
                });
    }

    @Test
    void textAfterAClosingQuote() {
        assertThatThrownBy(() -> readAll("a,b\n\"x\"y,2\n", CsvReadOptions.defaults().withInferRows(0)))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("after its closing quote");
                });
    }

    @Test
    void aRecordOverTheMaximumSize() {
        String text = "a\n" + "x".repeat(1000) + "\n";
        assertThatThrownBy(() -> readAll(text, CsvReadOptions.defaults().withMaxRecordBytes(100).withBufferBytes(16)))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("longer than the maximum of 100 bytes");
                });
    }

    @Test
    void invalidUtf8InATextColumn() {
        byte[] bytes = {'a', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThatThrownBy(() -> readAll(bytes, CsvReadOptions.defaults().withSchema(Schema.of(Field.nullable("a", DataType.UTF8)))))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void aTokenizerFailureLeavesTheReaderUnusable() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                CsvReader reader = CsvReader.open(new ByteArrayInputStream("a\n1\n\"x".getBytes(StandardCharsets.UTF_8)),
                        allocator, CsvReadOptions.defaults().withInferRows(1))) {
            assertThatThrownBy(reader::next).isInstanceOf(CsvFormatException.class);
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aHeaderThatDoesNotFitTheSchema() {
        assertThatThrownBy(() -> readAll("a,b,c\n1,2,3\n", CsvReadOptions.defaults()
                .withSchema(Schema.of(Field.nullable("a", DataType.INT64)))))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThatThrownBy(() -> readAll("a\n1\n", CsvReadOptions.defaults()
                .withSchema(Schema.of(Field.nullable("a", DataType.list(DataType.INT8))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read from CSV");
    }

    @Test
    void everyTruncationAndRandomCorruptionIsATypedErrorOrAShorterRead() {
        byte[] good = CsvStreamingTest.TRICKY.getBytes(StandardCharsets.UTF_8);
        CsvReadOptions options = CsvReadOptions.defaults().withDelimiter(';').withEscape('\\');
        for (int length = 0; length <= good.length; length++) {
            byte[] bytes = java.util.Arrays.copyOf(good, length);
            check(bytes, options, "truncated to " + length);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                String pool = "\";\\\n\r,x0\u00e9";
                bytes[random.nextInt(bytes.length)] = (byte) pool.charAt(random.nextInt(pool.length()));
            }
            check(bytes, options.withSkipBadRows(round % 2 == 0), "round " + round);
        }
    }

    private static void check(byte[] bytes, CsvReadOptions options, String what) {
        try {
            readAll(bytes, options);
        } catch (CsvFormatException e) {
            assertThat(e.line()).as(what).isPositive();
        } catch (IOException e) {
            throw new AssertionError(what + ": untyped " + e, e);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": unchecked " + e, e);
        }
    }
}
