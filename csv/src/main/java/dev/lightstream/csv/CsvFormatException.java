package dev.lightstream.csv;

import java.io.IOException;

/**
 * CSV input that does not fit: a row with the wrong number of fields, a value that does not parse
 * as its column's type, a quote left open, a record longer than the configured maximum.
 *
 * <p>It names the place: the line (1-based, of the record's first line), the column (1-based
 * field number, 0 when the problem is the whole record), the field name when known, and the
 * offending text, truncated to 80 characters.
 *
 * {@snippet :
 * try {
 *     batch = reader.next();
 * } catch (CsvFormatException e) {
 *     System.err.println(e.getMessage());
 *     // line 17, column 3 (price): "12,5" is not a float64
 * }
 * }
 */
public class CsvFormatException extends IOException {
    private static final int MAX_TEXT = 80;

    private final long line;
    private final int column;
    private final String field;
    private final String text;

    public CsvFormatException(long line, int column, String field, String text, String problem) {
        super(describe(line, column, field, text, problem));
        this.line = line;
        this.column = column;
        this.field = field;
        this.text = text == null ? null : truncate(text);
    }

    /** The line the record starts on, 1-based. */
    public long line() {
        return line;
    }

    /** The 1-based field number, or 0 when the problem concerns the whole record. */
    public int column() {
        return column;
    }

    /** The column name, or null. */
    public String field() {
        return field;
    }

    /** The offending text, truncated to 80 characters, or null. */
    public String text() {
        return text;
    }

    static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
    }

    private static String describe(long line, int column, String field, String text, String problem) {
        StringBuilder sb = new StringBuilder("line ").append(line);
        if (column > 0) {
            sb.append(", column ").append(column);
        }
        if (field != null) {
            sb.append(" (").append(field).append(')');
        }
        sb.append(": ");
        if (text != null) {
            sb.append('"').append(truncate(text)).append("\" ");
        }
        return sb.append(problem).toString();
    }
}
