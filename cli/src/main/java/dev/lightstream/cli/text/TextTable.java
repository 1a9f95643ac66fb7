package dev.lightstream.cli.text;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table of record batches, written row by row as batches arrive.
 *
 * <pre>
 * id    | name   | price
 * int64 | utf8   | decimal128(12, 2)
 * ------+--------+------------------
 *     1 | apple  |              0.50
 *     2 | null   |             12.00
 * </pre>
 *
 * <p>The header holds the field names and types. Column widths come from the header and the
 * first {@code sampleRows} rows, which are held back as text until they are known; later rows
 * are cut to those widths ({@code …}), so memory stays bounded however long the input is.
 * Numbers are right-aligned. No cell is wider than {@code maxWidth}.
 *
 * {@snippet :
 * TextTable table = new TextTable(schema, out, 40, 1000);
 * table.add(batch, 0, batch.rowCount());
 * table.finish(-1, false);                 // "(n rows)"
 * }
 */
public final class TextTable {
    private final Schema schema;
    private final PrintWriter out;
    private final int maxWidth;
    private final int sampleRows;
    private final ValueText values;
    private final boolean[] rightAligned;
    private final int[] widths;
    private List<String[]> sample = new ArrayList<>();
    private long rows;

    /**
     * @param maxWidth the widest a cell may be, at least 2
     * @param sampleRows how many rows decide the column widths, at least 1
     */
    public TextTable(Schema schema, PrintWriter out, int maxWidth, int sampleRows) {
        if (maxWidth < 2 || sampleRows < 1) {
            throw new IllegalArgumentException("maxWidth=" + maxWidth + " sampleRows=" + sampleRows);
        }
        this.schema = schema;
        this.out = out;
        this.maxWidth = maxWidth;
        this.sampleRows = sampleRows;
        this.values = new ValueText(maxWidth);
        int n = schema.size();
        this.rightAligned = new boolean[n];
        this.widths = new int[n];
        for (int c = 0; c < n; c++) {
            Field field = schema.field(c);
            rightAligned[c] = isNumber(field.type());
            widths[c] = Math.max(width(header(field.name())), width(header(SchemaText.compactType(field.type()))));
        }
    }

    private static boolean isNumber(DataType type) {
        return type instanceof DataType.Int || type instanceof DataType.FloatingPoint
                || type instanceof DataType.Decimal;
    }

    private String header(String text) {
        return ValueText.cut(text.replace('\n', ' '), maxWidth);
    }

    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Rows written so far (including the ones held back for the widths). */
    public long rowCount() {
        return rows;
    }

    /** Adds rows {@code from..from+count-1} of {@code batch}. */
    public void add(RecordBatch batch, int from, int count) {
        List<Array> columns = batch.columns();
        String[] row = null;
        for (int r = from; r < from + count; r++) {
            row = new String[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = values.format(columns.get(c), r);
            }
            rows++;
            if (sample != null) {
                sample.add(row);
                if (sample.size() >= sampleRows) {
                    flushSample();
                }
            } else {
                print(row);
            }
        }
    }

    private void flushSample() {
        if (widths.length == 0) {
            out.println("(no columns)");
            sample = null;
            return;
        }
        for (String[] row : sample) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], width(row[c]));
            }
        }
        String[] names = new String[widths.length];
        String[] types = new String[widths.length];
        for (int c = 0; c < widths.length; c++) {
            names[c] = header(schema.field(c).name());
            types[c] = header(SchemaText.compactType(schema.field(c).type()));
        }
        print(names, false);
        print(types, false);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (String[] row : sample) {
            print(row);
        }
        sample = null;
    }

    private void print(String[] row) {
        if (row.length > 0) {
            print(row, true);
        }
    }

    private void print(String[] cells, boolean align) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = ValueText.cut(cells[c], widths[c]);
            int pad = widths[c] - width(cell);
            if (c > 0) {
                line.append(" | ");
            }
            if (align && rightAligned[c]) {
                line.append(" ".repeat(pad)).append(cell);
            } else {
                line.append(cell);
                if (c < cells.length - 1) {
                    line.append(" ".repeat(pad));
                }
            }
        }
        out.println(line);
    }

    /**
     * Writes the rows held back, if any, and a closing line: {@code (3 rows)}, or with
     * {@code total} known and larger, {@code (10 of 5,000,000 rows)}; {@code total} is -1 when
     * unknown and {@code truncated} says that more rows may follow.
     */
    public void finish(long total, boolean truncated) {
        if (sample != null) {
            flushSample();
        }
        String noun = rows == 1 && (total < 0 || total == 1) ? "row" : "rows";
        if (total > rows) {
            out.println("(" + Units.count(rows) + " of " + Units.count(total) + " rows)");
        } else if (truncated && total < 0) {
            out.println("(first " + Units.count(rows) + " " + noun + ")");
        } else {
            out.println("(" + Units.count(rows) + " " + noun + ")");
        }
    }
}
