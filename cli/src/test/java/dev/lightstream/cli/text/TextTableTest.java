package dev.lightstream.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aligned table: header, alignment, widths from a sample, cut cells, the closing line. */
class TextTableTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.INT64),
            Field.nullable("name", DataType.UTF8),
            Field.nullable("price", DataType.decimal(6, 2)),
            Field.nullable("tags", DataType.list(DataType.INT32)));

    private static String render(int width, int sample, int rows, long total, boolean truncated) {
        StringWriter text = new StringWriter();
        try (BufferAllocator allocator = BufferAllocator.leakChecking();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            builder.appendRow(1L, "apple", new BigDecimal("0.50"), List.of(1, 2));
            builder.appendRow(22L, null, new BigDecimal("-12.25"), List.of());
            builder.appendRow(333L, "a rather long name", null, null);
            try (RecordBatch batch = builder.build()) {
                PrintWriter out = new PrintWriter(text);
                TextTable table = new TextTable(SCHEMA, out, width, sample);
                table.add(batch, 0, rows);
                table.finish(total, truncated);
                out.flush();
                assertThat(table.rowCount()).isEqualTo(rows);
            }
        }
        return text.toString();
    }

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        assertThat(render(40, 1000, 3, 3, false)).isEqualTo("""
                id    | name               | price            | tags
                int64 | utf8               | decimal128(6, 2) | list<int32>
                ------+--------------------+------------------+------------
                    1 | apple              |             0.50 | [1, 2]
                   22 | null               |           -12.25 | []
                  333 | a rather long name |             null | null
                (3 rows)
                """);
    }

    @Test
    void cellsAreCutToTheMaximumWidth() {
        assertThat(render(8, 1000, 3, 3, false)).isEqualTo("""
                id    | name     | price    | tags
                int64 | utf8     | decimal… | list<in…
                ------+----------+----------+---------
                    1 | apple    |     0.50 | [1, 2]
                   22 | null     |   -12.25 | []
                  333 | a rathe… |     null | null
                (3 rows)
                """);
    }

    @Test
    void rowsAfterTheSampleKeepItsWidthsAndAreCut() {
        // Widths come from the header and the first row only: the long name is cut to "name".
        assertThat(render(40, 1, 3, 3, false)).isEqualTo("""
                id    | name  | price            | tags
                int64 | utf8  | decimal128(6, 2) | list<int32>
                ------+-------+------------------+------------
                    1 | apple |             0.50 | [1, 2]
                   22 | null  |           -12.25 | []
                  333 | a ra… |             null | null
                (3 rows)
                """);
    }

    @Test
    void theClosingLineSaysHowManyRowsOfHowMany() {
        assertThat(render(40, 1000, 2, 10, true)).endsWith("(2 of 10 rows)\n");
        assertThat(render(40, 1000, 2, -1, true)).endsWith("(first 2 rows)\n");
        assertThat(render(40, 1000, 1, 1, false)).endsWith("(1 row)\n");
        assertThat(render(40, 1000, 0, 0, false)).isEqualTo("""
                id    | name | price            | tags
                int64 | utf8 | decimal128(6, 2) | list<int32>
                ------+------+------------------+------------
                (0 rows)
                """);
    }

    @Test
    void aSchemaWithoutColumns() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        TextTable table = new TextTable(Schema.of(), out, 40, 10);
        try (RecordBatch batch = RecordBatch.of(Schema.of(), 5, List.of(), List.of())) {
            table.add(batch, 0, 5);
        }
        table.finish(5, false);
        out.flush();
        assertThat(text.toString()).isEqualTo("(no columns)\n(5 rows)\n");
    }
}
