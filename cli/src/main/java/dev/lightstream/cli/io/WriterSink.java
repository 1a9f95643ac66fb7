package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A CSV or Parquet output (a path, or stdout) written by that format's writer over an output
 * stream. Parquet is written front to back, footer last, so stdout serves it as well as a file.
 */
final class WriterSink<W> implements DataSink {
    /** Opens a format's writer over the output's stream. */
    interface Opener<W> {
        W open(OutputStream out) throws IOException;
    }

    /** Writes a batch with the format's writer. */
    interface Write<W> {
        void write(W writer, RecordBatch batch) throws IOException;
    }

    /** Writes what ends the output (a Parquet footer) and closes the writer. */
    interface End<W> {
        void end(W writer) throws IOException;
    }

    private final PendingOutput output;
    private final W writer;
    private final Write<W> write;
    private final End<W> end;
    private boolean done;

    private WriterSink(PendingOutput output, W writer, Write<W> write, End<W> end) {
        this.output = output;
        this.writer = writer;
        this.write = write;
        this.end = end;
    }

    /**
     * Opens {@code spec}, a path or {@code -} for stdout, and the writer over it.
     *
     * {@snippet :
     * DataSink sink = WriterSink.open("out.csv", console, out -> CsvWriter.open(out, schema, options),
     *         CsvWriter::write, CsvWriter::close);
     * }
     */
    static <W> WriterSink<W> open(String spec, Console console, Opener<W> opener, Write<W> write, End<W> end)
            throws IOException {
        PendingOutput output = PendingOutput.open(spec, console);
        try {
            return new WriterSink<>(output, opener.open(output.stream()), write, end);
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
        write.write(writer, batch);
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
            end.end(writer);
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
