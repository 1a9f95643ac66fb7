package dev.lightstream.cli.demo;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.cli.io.IpcFormat;
import dev.lightstream.cli.io.IpcSink;
import dev.lightstream.cli.io.IpcSource;
import dev.lightstream.cli.io.Progress;
import dev.lightstream.ipc.IpcReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo round of an IPC format: the table is written to {@code demo.arrow} (file) or
 * {@code demo.arrows} (stream) in the demo directory, read back zero-copy (each batch's arrays are
 * slices of the message body read into one aligned block) and verified batch by batch.
 */
public final class IpcRound implements DemoRound {
    private final IpcFormat format;

    public IpcRound(IpcFormat format) {
        this.format = format;
    }

    @Override
    public String name() {
        return format == IpcFormat.FILE ? "ipc file" : "ipc stream";
    }

    @Override
    public RoundResult run(DemoTable table, DemoContext context) throws IOException {
        Path path = context.directory().resolve(format == IpcFormat.FILE ? "demo.arrow" : "demo.arrows");
        try {
            long writeNanos = write(table, context, path);
            long bytes = Files.size(path);
            return read(context, path, bytes, writeNanos);
        } finally {
            if (!context.keepFiles()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private long write(DemoTable table, DemoContext context, Path path) throws IOException {
        long nanos = 0;
        long rows = 0;
        try (DemoTable.Generator generator = table.generator(context.allocator());
             Progress progress = Progress.start(context.console(), name() + " write");
             IpcSink sink = IpcSink.open(path.toString(), format, DemoTable.SCHEMA, context.writeOptions(),
                     context.allocator(), context.console())) {
            while (true) {
                RecordBatch batch = generator.next();
                if (batch == null) {
                    break;
                }
                try (batch) {
                    long start = System.nanoTime();
                    sink.write(batch);
                    nanos += System.nanoTime() - start;
                    rows += batch.rowCount();
                }
                progress.update(rows, sink.bytesWritten(), (double) rows / Math.max(1, table.rows()));
            }
            long start = System.nanoTime();
            sink.commit();
            nanos += System.nanoTime() - start;
        }
        return nanos;
    }

    private RoundResult read(DemoContext context, Path path, long bytes, long writeNanos) throws IOException {
        long readNanos = 0;
        long verifyNanos = 0;
        long rows = 0;
        int batches = 0;
        long start = System.nanoTime();
        try (Progress progress = Progress.start(context.console(), name() + " read");
             IpcSource source = IpcSource.open(path.toString(), format, context.allocator(), IpcReadOptions.DEFAULT,
                     context.console())) {
            readNanos += System.nanoTime() - start;
            while (true) {
                start = System.nanoTime();
                RecordBatch batch = source.next();
                readNanos += System.nanoTime() - start;
                if (batch == null) {
                    break;
                }
                try (batch) {
                    start = System.nanoTime();
                    context.expected().verify(batch, batches);
                    verifyNanos += System.nanoTime() - start;
                    rows += batch.rowCount();
                    batches++;
                }
                progress.update(rows, (long) (source.fractionRead() * bytes), source.fractionRead());
            }
        }
        DemoTable expected = context.expected();
        if (rows != expected.rows() || batches != expected.batchCount()) {
            throw new DemoMismatchException(String.format(Locale.ROOT, "%s: read %d rows in %d batches, expected %d"
                    + " rows in %d batches", name(), rows, batches, expected.rows(), expected.batchCount()));
        }
        return new RoundResult(name(), bytes, rows, batches, writeNanos, readNanos, verifyNanos);
    }
}
