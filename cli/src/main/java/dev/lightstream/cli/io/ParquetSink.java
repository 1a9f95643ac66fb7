package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.parquet.ParquetWriteOptions;
import dev.lightstream.parquet.ParquetWriter;
import dev.lightstream.schema.Schema;
import java.io.IOException;

/**
 * A Parquet output written by {@link ParquetWriter}: a path, or stdout (Parquet is written front to
 * back, footer last).
 */
public final class ParquetSink implements DataSink {
    private final PendingOutput output;
    private final ParquetWriter writer;
    private boolean done;

    private ParquetSink(PendingOutput output, ParquetWriter writer) {
        this.output = output;
        this.writer = writer;
    }

    /**
     * Opens {@code spec}, a path or {@code -} for stdout.
     *
     * @throws dev.lightstream.parquet.UnsupportedParquetTypeException if a field has no Parquet type
     */
    public static ParquetSink open(String spec, Schema schema, ParquetWriteOptions options, Console console)
            throws IOException {
        PendingOutput output = PendingOutput.open(spec, console);
        try {
            return new ParquetSink(output, ParquetWriter.open(output.stream(), schema, options));
        } catch (IOException | RuntimeException e) {
            output.discard();
            throw e;
        }
    }

    @Override
    public void write(RecordBatch batch) throws IOException {
        if (done) {
            throw new IllegalStateException("output is closed");
        }
        writer.write(batch);
    }

    @Override
    public long bytesWritten() {
        return output.bytes();
    }

    @Override
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("output is closed");
        }
        done = true;
        try {
            writer.close();
            output.commit();
        } catch (IOException | RuntimeException e) {
            output.discard();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            output.discard();
        }
    }
}
