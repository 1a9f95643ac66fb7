package dev.lightstream.csv.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.csv.BinaryEncoding;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The engine of the CSV writer: formats each field ({@link ValueText}), quotes it when it must be
 * (it holds the delimiter, the quote or a line break, or would read back as null: the empty
 * string, the null token, NA, null, NULL), and writes whole lines to the output through a buffer.
 */
public final class RowWriter {
    private static final byte[][] READ_AS_NULL = {"NA".getBytes(StandardCharsets.US_ASCII),
        "null".getBytes(StandardCharsets.US_ASCII), "NULL".getBytes(StandardCharsets.US_ASCII)};

    private final OutputStream out;
    private final byte delimiter;
    private final byte quote;
    private final byte[] nullToken;
    private final byte[] lineSeparator;
    private final boolean quoteAll;
    private final ValueText values;
    private final ByteSink field = new ByteSink();
    private final ByteSink line = new ByteSink();

    public RowWriter(OutputStream out, char delimiter, char quote, String nullToken, String lineSeparator,
            BinaryEncoding binary, boolean quoteAll) {
        this.out = out;
        this.delimiter = (byte) delimiter;
        this.quote = (byte) quote;
        this.nullToken = nullToken.getBytes(StandardCharsets.UTF_8);
        this.lineSeparator = lineSeparator.getBytes(StandardCharsets.US_ASCII);
        this.quoteAll = quoteAll;
        this.values = new ValueText(binary);
    }

    /** Writes the header line of {@code schema}. */
    public void header(Schema schema) throws IOException {
        line.clear();
        for (int c = 0; c < schema.size(); c++) {
            if (c > 0) {
                line.append(delimiter);
            }
            field.clear();
            field.append(schema.field(c).name());
            emit(true);
        }
        line.append(lineSeparator);
        out.write(line.bytes, 0, line.size);
    }

    /** Writes every row of {@code batch}. */
    public void write(RecordBatch batch) throws IOException {
        int rows = batch.rowCount();
        int columns = batch.columnCount();
        Array[] arrays = batch.columns().toArray(Array[]::new);
        boolean[] textual = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            textual[c] = mayNeedQuotes(arrays[c].type());
        }
        line.clear();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append(delimiter);
                }
                Array array = arrays[c];
                if (array.isNull(r)) {
                    line.append(nullToken);
                    continue;
                }
                field.clear();
                values.append(field, array, r);
                emit(textual[c]);
            }
            line.append(lineSeparator);
            if (line.size >= 1 << 16 || r == rows - 1) {
                out.write(line.bytes, 0, line.size);
                line.clear();
            }
        }
    }

    /** Numbers, dates and times never hold a line break or a quote; other text may. */
    private static boolean mayNeedQuotes(DataType type) {
        return !(type instanceof DataType.Int || type instanceof DataType.FloatingPoint || type instanceof DataType.Bool
                || type instanceof DataType.Decimal || type instanceof DataType.Date || type instanceof DataType.Time
                || type instanceof DataType.Timestamp || type instanceof DataType.Duration);
    }

    /** Appends the field to the line, quoted if it must be. */
    private void emit(boolean textual) {
        boolean needs = quoteAll || (textual && needsQuotes()) || (!textual && hasDelimiter());
        if (!needs) {
            line.append(field.bytes, 0, field.size);
            return;
        }
        line.append(quote);
        for (int k = 0; k < field.size; k++) {
            byte b = field.bytes[k];
            if (b == quote) {
                line.append(quote);
            }
            line.append(b);
        }
        line.append(quote);
    }

    private boolean hasDelimiter() {
        for (int k = 0; k < field.size; k++) {
            if (field.bytes[k] == delimiter) {
                return true;
            }
        }
        return false;
    }

    private boolean needsQuotes() {
        if (field.size == 0 || field.contentEquals(nullToken)) {
            return true;
        }
        for (byte[] token : READ_AS_NULL) {
            if (field.contentEquals(token)) {
                return true;
            }
        }
        for (int k = 0; k < field.size; k++) {
            byte b = field.bytes[k];
            if (b == delimiter || b == quote || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
