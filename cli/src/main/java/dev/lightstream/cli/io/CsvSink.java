package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.csv.CsvWriteOptions;
import dev.lightstream.csv.CsvWriter;
import dev.lightstream.schema.Schema;
import java.io.IOException;

/** A CSV output (a path or stdout) written by {@link CsvWriter}. */
public final class CsvSink implements DataSink {
    private final PendingOutput output;
    private final CsvWriter writer;
    private boolean done;

    private CsvSink(PendingOutput output, CsvWriter writer) {
        this.output = output;
        this.writer = writer;
    }

    /** Opens {@code spec}, a path or {@code -} for stdout. */
    public static CsvSink open(String spec, Schema schema, CsvWriteOptions options, Console console) throws IOException {
        PendingOutput output = PendingOutput.open(spec, console);
        try {
            return new CsvSink(output, CsvWriter.open(output.stream(), schema, options));
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
