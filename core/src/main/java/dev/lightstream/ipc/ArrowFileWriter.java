package dev.lightstream.ipc;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.internal.FileFormat;
import dev.lightstream.ipc.internal.WriterCore;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A writer of the Arrow IPC file format: the magic, the stream of messages, then a footer that
 * lists the block (offset, metadata length, body length) of every dictionary and record batch,
 * the footer's length and the magic again (see {@link ArrowFileReader} for the layout).
 *
 * <p>Writes like {@link ArrowStreamWriter} (gathering writes, 64-byte-aligned bodies and
 * buffers, compression options), with one difference: a dictionary may grow by deltas, but not
 * be replaced; a batch whose dictionary neither equals nor extends the one written raises
 * {@link UnsupportedIpcFeatureException}.
 *
 * {@snippet :
 * try (ArrowFileWriter writer = new ArrowFileWriter(path, schema, allocator)) {
 *     writer.write(batch);
 * } // writes the footer and closes the file
 * }
 */
public final class ArrowFileWriter implements AutoCloseable {
    private final WriterCore core;
    private final WritableByteChannel channel;
    private boolean started;
    private boolean finished;
    private boolean closed;

    /** Creates (or truncates) {@code path}. */
    public ArrowFileWriter(Path path, Schema schema, BufferAllocator allocator) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), schema, allocator, IpcWriteOptions.DEFAULT);
    }

    public ArrowFileWriter(WritableByteChannel channel, Schema schema, BufferAllocator allocator) {
        this(channel, schema, allocator, IpcWriteOptions.DEFAULT);
    }

    public ArrowFileWriter(WritableByteChannel channel, Schema schema, BufferAllocator allocator,
            IpcWriteOptions options) {
        this.channel = channel;
        this.core = new WriterCore(channel, schema, allocator, options, true);
    }

    /** The schema as written: the given one with dictionary ids assigned. */
    public Schema schema() {
        return core.schema();
    }

    /** Writes the magic and the schema now rather than with the first batch. */
    public void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        if (!started) {
            started = true;
            ByteBuffer head = ByteBuffer.allocate(FileFormat.HEADER_BYTES);
            head.put(FileFormat.MAGIC).put((byte) 0).put((byte) 0).flip();
            core.writeRaw(head);
            core.writeSchema();
        }
    }

    /**
     * Writes {@code batch}, preceded by the dictionary messages it needs.
     *
     * @throws UnsupportedIpcFeatureException if a dictionary would have to be replaced
     * @throws IllegalArgumentException if the batch does not match the schema
     */
    public void write(RecordBatch batch) throws IOException {
        start();
        if (finished) {
            throw new IllegalStateException("the file is finished");
        }
        core.writeBatch(batch);
    }

    /** Writes the end-of-stream marker, the footer and the trailing magic. Idempotent. */
    public void finish() throws IOException {
        start();
        if (finished) {
            return;
        }
        finished = true;
        core.writeEndOfStream();
        ByteBuffer footer = core.footer();
        int length = footer.remaining();
        core.writeRaw(footer);
        ByteBuffer tail = ByteBuffer.allocate(FileFormat.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        tail.putInt(length).put(FileFormat.MAGIC).flip();
        core.writeRaw(tail);
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return core.position();
    }

    /**
     * Frees the working memory and closes the channel without writing the footer, so that readers
     * see the file as cut short rather than complete: for giving up after an error. Errors while
     * closing are ignored. Idempotent; does nothing after {@link #close()}.
     */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        core.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Giving up already; the channel is as closed as it will get.
        }
    }

    /** Finishes the file, frees the working memory and closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            finish();
        } finally {
            closed = true;
            core.close();
            channel.close();
        }
    }
}
