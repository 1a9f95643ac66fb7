package dev.lightstream.parquet;

import java.io.IOException;

/**
 * Bytes that are not a valid Parquet file, or that this reader cannot decode: bad magic, a
 * truncated or garbled footer, a page that does not decompress or decode, a declared size over the
 * configured maximum, a codec or type the reader does not support.
 *
 * <p>The message says what was wrong and where (row group, column path) when that is known.
 */
public class InvalidParquetException extends IOException {
    public InvalidParquetException(String message) {
        super(message);
    }

    public InvalidParquetException(String message, Throwable cause) {
        super(message, cause);
    }
}
