package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An Arrow IPC output being written: a path or {@code -} (stdout), in either format.
 *
 * <p>A path is written to a temporary file beside it, moved into place by {@link #commit()}: a
 * conversion that fails leaves no half-written output (and converting a file onto itself works).
 * {@link #close()} without a commit discards the output; on stdout it leaves the stream without
 * its end marker, so that a reader downstream sees a truncated stream rather than a short one.
 *
 * {@snippet :
 * try (IpcSink sink = IpcSink.open("out.arrows", IpcFormat.STREAM, schema, IpcWriteOptions.DEFAULT, allocator, console)) {
 *     sink.write(batch);
 *     sink.commit();
 * }
 * }
 */
public final class IpcSink implements DataSink {
    /** What the two writers have in common. */
    private interface Writer {
        void write(RecordBatch batch) throws IOException;

        long bytesWritten();

        void close() throws IOException;
    }

    private final Writer writer;
    private final WritableByteChannel channel;
    private final Path temporary;
    private final Path target;
    private boolean done;

    private IpcSink(Writer writer, WritableByteChannel channel, Path temporary, Path target) {
        this.writer = writer;
        this.channel = channel;
        this.temporary = temporary;
        this.target = target;
    }

    /**
     * Opens {@code spec} (a path, or {@code -} for stdout) for writing {@code format}.
     *
     * @throws IOException if the temporary file cannot be created
     */
    public static IpcSink open(String spec, IpcFormat format, Schema schema, IpcWriteOptions options,
            BufferAllocator allocator, Console console) throws IOException {
        if (spec.equals("-")) {
            WritableByteChannel stdout = console.stdoutChannel();
            return new IpcSink(writer(format, stdout, schema, allocator, options), stdout, null, null);
        }
        Path target = Path.of(spec).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(spec + " is a directory");
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the output.
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return new IpcSink(writer(format, channel, schema, allocator, options), channel, temporary, target);
        } catch (RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static Writer writer(IpcFormat format, WritableByteChannel channel, Schema schema,
            BufferAllocator allocator, IpcWriteOptions options) {
        if (format == IpcFormat.FILE) {
            ArrowFileWriter file = new ArrowFileWriter(channel, schema, allocator, options);
            return new Writer() {
                @Override
                public void write(RecordBatch batch) throws IOException {
                    file.write(batch);
                }

                @Override
                public long bytesWritten() {
                    return file.bytesWritten();
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }
        ArrowStreamWriter stream = new ArrowStreamWriter(channel, schema, allocator, options);
        return new Writer() {
            @Override
            public void write(RecordBatch batch) throws IOException {
                stream.write(batch);
            }

            @Override
            public long bytesWritten() {
                return stream.bytesWritten();
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    /** Writes {@code batch}, with the dictionary messages it needs; the caller still closes it. */
    public void write(RecordBatch batch) throws IOException {
        if (done) {
            throw new IllegalStateException("output is closed");
        }
        writer.write(batch);
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return writer.bytesWritten();
    }

    /** Ends the output (end marker, footer) and moves a file into place. */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("output is closed");
        }
        done = true;
        try {
            writer.close();
            if (temporary != null) {
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            discard();
        }
    }

    /** Discards the output unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            discard();
        }
    }

    private void discard() throws IOException {
        // Closing the channel, not the writer: the writer would end the stream as if complete.
        channel.close();
        if (temporary != null) {
            Files.deleteIfExists(temporary);
        }
    }
}
