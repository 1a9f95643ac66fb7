package dev.lightstream.ipc;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.internal.WriterCore;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A sans-IO encoder of the Arrow IPC stream format: the writer's machinery without a channel. Each
 * encapsulated message (schema, dictionary batch, record batch, end of stream) is handed to a
 * {@link MessageSink} as the buffers of one gathering write, so that a caller can frame, count or
 * multiplex the messages before they go out; the body buffers are views of the batch's own memory.
 *
 * {@snippet :
 * StreamEncoder.MessageSink sink = (buffers, byteSize) -> {
 *     channel.write(header(byteSize));                     // a frame header of the caller's format
 *     channel.write(buffers.toArray(ByteBuffer[]::new));   // then the message, without a copy
 * };
 * try (StreamEncoder encoder = new StreamEncoder(schema, allocator, IpcWriteOptions.DEFAULT, sink)) {
 *     encoder.write(batch);   // the schema, the dictionaries the batch needs, then the batch: three calls
 *     encoder.write(next);    // only what changed: a delta or replacement dictionary if any, and the batch
 * }
 * }
 *
 * <p>Dictionaries follow {@link ArrowStreamWriter}'s rules: the first batch that uses an id sends
 * its dictionary; a later batch sends nothing when it carries the same dictionary array, a delta
 * when its dictionary extends the one last sent, and a replacement otherwise. So a decoder fed the
 * messages in order never decodes a batch against a stale dictionary.
 *
 * <p>If the sink throws, the message it was given counts as not sent (a dictionary is sent again
 * with the next batch that needs it), and the exception propagates. Not thread-safe.
 */
public final class StreamEncoder implements AutoCloseable {
    private final WriterCore core;
    private boolean started;
    private boolean ended;
    private boolean closed;

    /** Where encoded messages go: one call per whole message. */
    @FunctionalInterface
    public interface MessageSink {
        /**
         * Takes one encapsulated message. The buffers are valid only during this call (the
         * encoder reuses their memory afterwards) and must not be kept; the sink may move their
         * positions.
         *
         * @param buffers the message's buffers in wire order (unmodifiable)
         * @param byteSize the sum of their remaining bytes
         */
        void message(List<ByteBuffer> buffers, long byteSize) throws IOException;
    }

    /**
     * An encoder of a stream of {@code schema}; fields without a
     * {@linkplain dev.lightstream.schema.Field#dictionaryId() dictionary id} get one.
     *
     * @param allocator working memory (rebased offsets of sliced arrays, compressed buffers, copies
     *     of the dictionaries sent, kept to detect deltas)
     */
    public StreamEncoder(Schema schema, BufferAllocator allocator, IpcWriteOptions options, MessageSink sink) {
        this.core = new WriterCore(Objects.requireNonNull(sink, "sink"), schema, allocator, options);
    }

    /** The schema as encoded: the given one with dictionary ids assigned. */
    public Schema schema() {
        return core.schema();
    }

    /** True once the schema message has been handed to the sink. */
    public boolean isStarted() {
        return started;
    }

    /** Encodes the schema message now, if it has not been. */
    public void start() throws IOException {
        checkOpen();
        if (!started) {
            core.writeSchema();
            started = true;
        }
    }

    /**
     * Encodes {@code batch}: the schema message first if needed, then the dictionary messages the
     * batch needs, then the batch.
     *
     * @throws IllegalArgumentException if the batch's columns do not match the schema
     * @throws IllegalStateException if the stream has ended or the encoder is closed
     */
    public void write(RecordBatch batch) throws IOException {
        Objects.requireNonNull(batch, "batch");
        start();
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        core.writeBatch(batch);
    }

    /** Encodes the end-of-stream marker (and the schema, if nothing was encoded). Idempotent. */
    public void end() throws IOException {
        start();
        if (!ended) {
            core.writeEndOfStream();
            ended = true;
        }
    }

    /** Bytes handed to the sink so far. */
    public long bytesEncoded() {
        return core.position();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
    }

    /** Frees the working memory (the dictionary copies). Writes nothing. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            core.close();
        }
    }
}
