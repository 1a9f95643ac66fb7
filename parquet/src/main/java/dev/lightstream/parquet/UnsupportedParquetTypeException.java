package dev.lightstream.parquet;

import java.io.IOException;

/**
 * An Arrow type that has no Parquet representation (a union, a struct without fields...), raised
 * when a {@link ParquetWriter} is opened with a schema that holds one.
 *
 * {@snippet :
 * try (ParquetWriter writer = ParquetWriter.open(path, schema, ParquetWriteOptions.defaults())) {
 *     ...
 * } catch (UnsupportedParquetTypeException e) {
 *     System.err.println(e.fieldPath() + ": " + e.getMessage()); // "shapes.u: union ... "
 * }
 * }
 */
public class UnsupportedParquetTypeException extends IOException {
    private final String fieldPath;

    public UnsupportedParquetTypeException(String fieldPath, String problem) {
        super("field '" + fieldPath + "': " + problem);
        this.fieldPath = fieldPath;
    }

    /** The dotted path of the field, from the top-level field name down. */
    public String fieldPath() {
        return fieldPath;
    }
}
