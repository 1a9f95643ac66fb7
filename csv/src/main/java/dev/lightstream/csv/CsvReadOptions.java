package dev.lightstream.csv;

import dev.lightstream.schema.Schema;
import java.util.List;
import java.util.Set;

/**
 * How a {@link CsvReader} reads: an immutable value, changed with the {@code with...} methods.
 *
 * {@snippet :
 * CsvReadOptions options = CsvReadOptions.defaults()
 *         .withDelimiter(';')
 *         .withEscape('\\')
 *         .withNullTokens(Set.of("", "-"))
 *         .withInferDecimal(true)
 *         .withDictionaryColumns(Set.of("city"))
 *         .withBatchRows(10_000)
 *         .withSkipBadRows(true);
 * }
 *
 * @param header whether the first record holds the column names (default true)
 * @param columnNames names for the columns, overriding the header; empty for the header's names,
 *     or {@code f0, f1...} without a header
 * @param delimiter the field separator, an ASCII character (default ',')
 * @param quote the quote character, or -1 for none (default '"'); a quote inside a quoted field is doubled
 * @param escape the escape character, or -1 for none (default): it makes the next character
 *     literal, inside quotes and out
 * @param nullTokens the unquoted texts that mean null (default "", NA, null, NULL); a quoted field
 *     is never null
 * @param schema the schema of the columns, or null to infer it from the first {@code inferRows} rows
 * @param inferRows how many rows type inference looks at (default 1,000)
 * @param inferDecimal whether inference makes plain decimal text ("12.50") a decimal128 instead of float64
 * @param dictionaryColumns columns read as dictionary-encoded values (int32 indices)
 * @param batchRows the most rows in one batch (default 65,536)
 * @param skipBadRows whether rows that do not fit (field count, a value of the wrong type) are
 *     skipped and counted instead of raising {@link CsvFormatException}
 * @param binaryEncoding how binary columns are written in the text (default hex)
 * @param maxRecordBytes the longest record accepted (default 64 MiB): the reader holds one record
 *     in memory at least, and refuses a longer one with {@link CsvFormatException}
 * @param bufferBytes the size of the read buffer (default 1 MiB)
 */
public record CsvReadOptions(boolean header, List<String> columnNames, char delimiter, int quote, int escape,
        Set<String> nullTokens, Schema schema, int inferRows, boolean inferDecimal, Set<String> dictionaryColumns,
        int batchRows, boolean skipBadRows, BinaryEncoding binaryEncoding, int maxRecordBytes, int bufferBytes) {

    /** The null tokens by default, as Arrow and pandas read them. */
    public static final Set<String> DEFAULT_NULL_TOKENS = Set.of("", "NA", "null", "NULL");

    public CsvReadOptions {
        columnNames = List.copyOf(columnNames);
        nullTokens = Set.copyOf(nullTokens);
        dictionaryColumns = Set.copyOf(dictionaryColumns);
        java.util.Objects.requireNonNull(binaryEncoding, "binaryEncoding");
        checkSyntax(delimiter, quote, escape);
        if (inferRows < 0 || batchRows <= 0 || maxRecordBytes <= 0 || bufferBytes <= 0) {
            throw new IllegalArgumentException("inferRows=" + inferRows + " batchRows=" + batchRows
                    + " maxRecordBytes=" + maxRecordBytes + " bufferBytes=" + bufferBytes + " are out of range");
        }
    }

    static void checkSyntax(char delimiter, int quote, int escape) {
        for (int c : new int[] {delimiter, quote, escape}) {
            if (c != -1 && (c < 1 || c > 127 || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("delimiter, quote and escape must be ASCII characters other than"
                        + " line breaks: delimiter=" + (int) delimiter + " quote=" + quote + " escape=" + escape);
            }
        }
        if (delimiter == quote || delimiter == escape) {
            throw new IllegalArgumentException("the delimiter " + delimiter + " is also the quote or escape character");
        }
    }

    public static CsvReadOptions defaults() {
        return new CsvReadOptions(true, List.of(), ',', '"', -1, DEFAULT_NULL_TOKENS, null, 1000, false, Set.of(),
                1 << 16, false, BinaryEncoding.HEX, 64 << 20, 1 << 20);
    }

    public CsvReadOptions withHeader(boolean value) {
        return new CsvReadOptions(value, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withColumnNames(List<String> value) {
        return new CsvReadOptions(header, value, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withDelimiter(char value) {
        return new CsvReadOptions(header, columnNames, value, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withQuote(char value) {
        return new CsvReadOptions(header, columnNames, delimiter, value, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    /** No quoting: quote characters are ordinary text. */
    public CsvReadOptions withoutQuote() {
        return new CsvReadOptions(header, columnNames, delimiter, -1, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withEscape(char value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, value, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withNullTokens(Set<String> value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, value, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    /** Reads the columns as {@code value} (by position) instead of inferring their types. */
    public CsvReadOptions withSchema(Schema value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, value, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withInferRows(int value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, value,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withInferDecimal(boolean value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                value, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withDictionaryColumns(Set<String> value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, value, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withBatchRows(int value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, value, skipBadRows, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withSkipBadRows(boolean value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, value, binaryEncoding, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withBinaryEncoding(BinaryEncoding value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, value, maxRecordBytes, bufferBytes);
    }

    public CsvReadOptions withMaxRecordBytes(int value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, value, bufferBytes);
    }

    public CsvReadOptions withBufferBytes(int value) {
        return new CsvReadOptions(header, columnNames, delimiter, quote, escape, nullTokens, schema, inferRows,
                inferDecimal, dictionaryColumns, batchRows, skipBadRows, binaryEncoding, maxRecordBytes, value);
    }
}
