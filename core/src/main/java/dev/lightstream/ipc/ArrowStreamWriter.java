package dev.lightstream.ipc;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.internal.WriterCore;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A writer of the Arrow IPC stream format over a {@link WritableByteChannel}.
 *
 * <p>Each message goes out in one gathering write when the channel is a
 * {@link java.nio.channels.GatheringByteChannel}: the prefix and metadata from a reused buffer,
 * then every buffer of the batch as a view of its own memory, with padding from a shared zero
 * buffer; the body is never concatenated. Every buffer starts at a multiple of 64 bytes of the
 * body, and bodies start at multiples of 64 bytes of the stream. Output is little-endian,
 * metadata version V5.
 *
 * <p>Dictionaries are sent as batches need them: the first batch that uses an id sends the
 * dictionary; a later batch sends nothing if it carries the same dictionary array or one with the
 * same values, a delta if its dictionary extends the one last sent, and a replacement otherwise. Fields without a
 * {@linkplain dev.lightstream.schema.Field#dictionaryId() dictionary id} get one.
 *
 * {@snippet :
 * try (ArrowStreamWriter writer = new ArrowStreamWriter(channel, schema, allocator)) {
 *     writer.write(batch1);
 *     writer.write(batch2);
 * } // writes the end-of-stream marker and closes the channel
 * }
 *
 * <p>The allocator provides the writer's working memory (rebased offsets of sliced arrays,
 * compressed buffers, copies of the dictionaries sent). Not thread-safe.
 */
public final class ArrowStreamWriter implements AutoCloseable {
    private final WriterCore core;
    private final WritableByteChannel channel;
    private boolean started;
    private boolean ended;
    private boolean closed;

    public ArrowStreamWriter(WritableByteChannel channel, Schema schema, BufferAllocator allocator) {
        this(channel, schema, allocator, IpcWriteOptions.DEFAULT);
    }

    public ArrowStreamWriter(WritableByteChannel channel, Schema schema, BufferAllocator allocator,
            IpcWriteOptions options) {
        this.channel = channel;
        this.core = new WriterCore(channel, schema, allocator, options, false);
    }

    /** The schema as written: the given one with dictionary ids assigned. */
    public Schema schema() {
        return core.schema();
    }

    /** Writes the schema message now rather than with the first batch. */
    public void start() throws IOException {
        checkOpen();
        if (!started) {
            started = true;
            core.writeSchema();
        }
    }

    /**
     * Writes {@code batch}, preceded by the dictionary messages it needs.
     *
     * @throws IllegalArgumentException if the batch does not match the schema
     */
    public void write(RecordBatch batch) throws IOException {
        start();
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        core.writeBatch(batch);
    }

    /** Writes the end-of-stream marker (and the schema, if no batch was written). Idempotent. */
    public void end() throws IOException {
        start();
        if (!ended) {
            ended = true;
            core.writeEndOfStream();
        }
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return core.position();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
    }

    /**
     * Frees the working memory and closes the channel without writing the end-of-stream marker, so that readers
     * see the stream as cut short rather than complete: for giving up after an error. Errors while
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

    /** Ends the stream, frees the working memory and closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            end();
        } finally {
            closed = true;
            core.close();
            channel.close();
        }
    }
}
