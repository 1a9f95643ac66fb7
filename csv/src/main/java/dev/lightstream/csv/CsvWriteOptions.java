package dev.lightstream.csv;

/**
 * How a {@link CsvWriter} writes: an immutable value, changed with the {@code with...} methods.
 *
 * {@snippet :
 * CsvWriteOptions options = CsvWriteOptions.defaults()
 *         .withDelimiter('\t')
 *         .withNullToken("NULL")
 *         .withBinaryEncoding(BinaryEncoding.BASE64);
 * }
 *
 * @param header whether the first line holds the column names (default true)
 * @param delimiter the field separator, an ASCII character (default ',')
 * @param quote the quote character (default '"'), doubled inside quoted fields
 * @param nullToken the text of a null value (default: empty)
 * @param lineSeparator the end of each line (default "\n")
 * @param binaryEncoding how binary values are written (default hex)
 * @param quoteAll whether every non-null field is quoted, not only those that need it
 */
public record CsvWriteOptions(boolean header, char delimiter, char quote, String nullToken, String lineSeparator,
        BinaryEncoding binaryEncoding, boolean quoteAll) {

    public CsvWriteOptions {
        java.util.Objects.requireNonNull(nullToken, "nullToken");
        java.util.Objects.requireNonNull(lineSeparator, "lineSeparator");
        java.util.Objects.requireNonNull(binaryEncoding, "binaryEncoding");
        CsvReadOptions.checkSyntax(delimiter, quote, -1);
        if (!lineSeparator.equals("\n") && !lineSeparator.equals("\r\n")) {
            throw new IllegalArgumentException("lineSeparator must be \\n or \\r\\n");
        }
        if (nullToken.indexOf(delimiter) >= 0 || nullToken.indexOf(quote) >= 0 || nullToken.contains("\n")
                || nullToken.contains("\r")) {
            throw new IllegalArgumentException("nullToken '" + nullToken + "' holds the delimiter, quote or a line break");
        }
    }

    public static CsvWriteOptions defaults() {
        return new CsvWriteOptions(true, ',', '"', "", "\n", BinaryEncoding.HEX, false);
    }

    public CsvWriteOptions withHeader(boolean value) {
        return new CsvWriteOptions(value, delimiter, quote, nullToken, lineSeparator, binaryEncoding, quoteAll);
    }

    public CsvWriteOptions withDelimiter(char value) {
        return new CsvWriteOptions(header, value, quote, nullToken, lineSeparator, binaryEncoding, quoteAll);
    }

    public CsvWriteOptions withQuote(char value) {
        return new CsvWriteOptions(header, delimiter, value, nullToken, lineSeparator, binaryEncoding, quoteAll);
    }

    public CsvWriteOptions withNullToken(String value) {
        return new CsvWriteOptions(header, delimiter, quote, value, lineSeparator, binaryEncoding, quoteAll);
    }

    public CsvWriteOptions withLineSeparator(String value) {
        return new CsvWriteOptions(header, delimiter, quote, nullToken, value, binaryEncoding, quoteAll);
    }

    public CsvWriteOptions withBinaryEncoding(BinaryEncoding value) {
        return new CsvWriteOptions(header, delimiter, quote, nullToken, lineSeparator, value, quoteAll);
    }

    public CsvWriteOptions withQuoteAll(boolean value) {
        return new CsvWriteOptions(header, delimiter, quote, nullToken, lineSeparator, binaryEncoding, value);
    }
}
