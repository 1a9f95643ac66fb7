package dev.lightstream.parquet;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.parquet.internal.ArrowSchemaMetadata;
import dev.lightstream.parquet.internal.RowGroupSink;
import dev.lightstream.parquet.internal.StreamOutputFile;
import dev.lightstream.schema.Schema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A writer of Arrow record batches to one Parquet file, on parquet-java without Hadoop.
 *
 * <p>The schema is mapped to Parquet when the writer opens (a type Parquet cannot hold raises
 * {@link UnsupportedParquetTypeException} naming the field); batches are appended in order and
 * split into row groups of {@link ParquetWriteOptions#rowGroupRows()} rows; {@link #close()}
 * writes the last row group and the footer. The batches stay the caller's: the writer copies what
 * it needs and never closes them. Not thread-safe.
 *
 * {@snippet :
 * try (ParquetWriter writer = ParquetWriter.open(Path.of("trips.parquet"), schema,
 *         ParquetWriteOptions.defaults().withCompression(ParquetCompression.SNAPPY))) {
 *     for (RecordBatch batch : batches) {
 *         writer.write(batch);
 *     }
 * }
 * }
 *
 * <p>Type mapping (see docs/formats.md for the whole table): integers, floats (float16 as
 * FLOAT16), bool, decimals (INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision), dates, times,
 * timestamps (UTC-adjusted when the type has a time zone), strings and binaries of every layout,
 * fixed-size binary, {@code arrow.uuid} as UUID, lists of every kind, structs and maps; dictionary
 * and run-end encoded arrays are written as their values; durations as plain INT64. Unions, intervals
 * and structs without fields are refused. The footer also stores the Arrow schema under
 * {@code ARROW:schema}, as Arrow C++ does, from which {@link ParquetReader} restores the exact types.
 */
public final class ParquetWriter implements AutoCloseable {
    private final RowGroupSink sink;
    private final OutputStream out;
    private final Schema schema;
    private boolean failed;
    private boolean closed;

    private ParquetWriter(OutputStream out, Schema schema, ParquetWriteOptions options) throws IOException {
        this.out = out;
        this.schema = schema;
        RowGroupSink.Settings settings = new RowGroupSink.Settings(options.compression().codec(),
                options.compressionLevel(), options.rowGroupRows(), options.rowGroupBytes(), options.pageBytes(),
                options.dictionary(), options.dictionaryPageBytes(), options.statistics(), options.dataPageV2(),
                footerMetadata(schema, options));
        this.sink = new RowGroupSink(new StreamOutputFile(out), schema, settings);
    }

    /** The caller's metadata, plus the Arrow schema under {@code ARROW:schema} unless the caller set that key or turned it off. */
    private static Map<String, String> footerMetadata(Schema schema, ParquetWriteOptions options) {
        if (!options.arrowSchema() || options.metadata().containsKey(ArrowSchemaMetadata.KEY)) {
            return options.metadata();
        }
        Map<String, String> metadata = new LinkedHashMap<>(options.metadata());
        metadata.put(ArrowSchemaMetadata.KEY, ArrowSchemaMetadata.encode(schema));
        return metadata;
    }

    /**
     * A writer of a new file at {@code path} (replacing any file there).
     *
     * @throws UnsupportedParquetTypeException if a field's type has no Parquet representation
     */
    public static ParquetWriter open(Path path, Schema schema, ParquetWriteOptions options) throws IOException {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return open(out, schema, options);
    }

    /**
     * A writer to {@code out}, which it closes when it is closed. Parquet is written front to back,
     * so any stream will do.
     *
     * @throws UnsupportedParquetTypeException if a field's type has no Parquet representation
     */
    public static ParquetWriter open(OutputStream out, Schema schema, ParquetWriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        try {
            return new ParquetWriter(out, schema, options);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A writer to {@code channel}, which it closes when it is closed. */
    public static ParquetWriter open(WritableByteChannel channel, Schema schema, ParquetWriteOptions options)
            throws IOException {
        return open(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), schema, options);
    }

    public Schema schema() {
        return schema;
    }

    /** Rows written so far. */
    public long rowsWritten() {
        return sink.rows();
    }

    /** Row groups completed so far (the last one is completed by {@link #close()}). */
    public int rowGroupsWritten() {
        return sink.rowGroups();
    }

    /**
     * Appends the rows of {@code batch}.
     *
     * @throws IllegalArgumentException if the batch's schema is not the writer's, or a value cannot
     *     be written (a null in a non-nullable field, an interval Parquet cannot hold...); the
     *     writer is then unusable, and {@link #close()} leaves an incomplete file
     * @throws IllegalStateException if the writer is closed or failed before
     */
    public void write(RecordBatch batch) throws IOException {
        Objects.requireNonNull(batch, "batch");
        if (closed || failed) {
            throw new IllegalStateException("Parquet writer is " + (closed ? "closed" : "failed"));
        }
        if (!batch.schema().fields().equals(schema.fields())) {
            throw new IllegalArgumentException("batch schema " + batch.schema() + " is not the writer's " + schema);
        }
        try {
            sink.write(batch);
        } catch (ArithmeticException e) {
            failed = true;
            throw new IllegalArgumentException("a value does not fit its Parquet type: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Writes the last row group and the footer and closes the output; after a failure, only closes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            try {
                sink.abort();
            } finally {
                out.close();
            }
            return;
        }
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
