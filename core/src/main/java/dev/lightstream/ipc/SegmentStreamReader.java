package dev.lightstream.ipc;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.internal.MessageChecks;
import dev.lightstream.ipc.internal.ReaderCore;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * A reader of an Arrow IPC stream that is already in memory, in one {@link MemorySegment} (a
 * received buffer, a mapped {@code .arrows} file, a region of shared memory): batches are views of
 * the segment, nothing is copied and no body is allocated.
 *
 * {@snippet :
 * try (SegmentStreamReader reader = new SegmentStreamReader(stream, allocator, IpcReadOptions.DEFAULT)) {
 *     for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
 *         try (RecordBatch batch = next) {
 *             process(batch);
 *         }
 *     }
 * }
 * }
 *
 * <p>The caller keeps the segment alive as long as the batches are used: a batch whose segment's
 * arena was closed throws {@link IllegalStateException} when read (never crashes the JVM). The
 * allocator provides memory only for what is copied as by the other readers: buffers misaligned
 * for their values, compressed bodies, big-endian buffers (the segment is never written, it may
 * be read-only), delta dictionaries. Limits and content validation follow {@link IpcReadOptions};
 * {@link IpcReadOptions#maxBodyBytes()} limits decompressed bodies only, since a body in the
 * segment costs nothing. A stream that ends without an end-of-stream marker at a message boundary
 * is accepted as ended; one that ends inside a message raises {@link EOFException}. Not
 * thread-safe.
 */
public final class SegmentStreamReader implements AutoCloseable {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment stream;
    private final IpcReadOptions options;
    private final ReaderCore core;
    private final MessageChecks checks = new MessageChecks();
    private long position;
    private long messageIndex;
    private boolean ended;
    private boolean closed;

    /** A reader of the stream in {@code stream}, from its first byte to its last. */
    public SegmentStreamReader(MemorySegment stream, BufferAllocator allocator, IpcReadOptions options) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.options = Objects.requireNonNull(options, "options");
        this.core = new ReaderCore(Objects.requireNonNull(allocator, "allocator"), options);
    }

    /**
     * The stream's schema, reading up to its Schema message if needed.
     *
     * @throws EOFException if the stream ends before its schema
     */
    public Schema schema() throws IOException {
        checkOpen();
        while (core.schema() == null) {
            if (ended) {
                throw new EOFException("the stream ended before its schema");
            }
            readMessage(); // a batch before the schema is refused by the reader core
        }
        return core.schema();
    }

    /**
     * The next record batch, its buffers views of the segment, or null at the end of the stream.
     * Dictionary batches met on the way are applied. The caller owns the batch and must close it.
     */
    public RecordBatch next() throws IOException {
        schema();
        while (!ended) {
            RecordBatch batch = readMessage();
            if (batch != null) {
                return batch;
            }
        }
        return null;
    }

    /** Reads one message: the batch of a record batch message, else null (and at the end, ended). */
    private RecordBatch readMessage() throws IOException {
        long size = stream.byteSize();
        if (position == size) {
            ended = true; // a clean end between messages, without the marker
            return null;
        }
        String where = "message " + messageIndex;
        long at = position;
        if (size - at < 4) {
            throw new EOFException(where + ": the stream ends " + (size - at) + " bytes into the message prefix");
        }
        int first = stream.get(LE_INT, at);
        int headerBytes = 4;
        int length = first;
        if (first == -1) {
            if (size - at < 8) {
                throw new EOFException(where + ": the stream ends inside the metadata length");
            }
            length = stream.get(LE_INT, at + 4);
            headerBytes = 8;
        }
        messageIndex++;
        if (length == 0) {
            position = at + headerBytes;
            ended = true;
            return null;
        }
        if (length < 0) {
            throw new InvalidIpcException(where + ": metadata length " + length + " is negative");
        }
        if (length > options.maxMetadataBytes()) {
            throw new FrameTooLargeException(where + " metadata", length, options.maxMetadataBytes());
        }
        long metadataStart = at + headerBytes;
        if (size - metadataStart < length) {
            throw new EOFException(where + ": the stream ends after " + (size - metadataStart) + " of " + length
                    + " metadata bytes");
        }
        ByteBuffer metadata = stream.asSlice(metadataStart, length).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long bodyLength = checks.declaredBodyLength(metadata, where);
        long bodyStart = metadataStart + length;
        if (size - bodyStart < bodyLength) {
            throw new EOFException(where + ": the stream ends after " + (size - bodyStart) + " of " + bodyLength
                    + " body bytes");
        }
        position = bodyStart + bodyLength;
        MemorySegment body = stream.asSlice(bodyStart, bodyLength);
        Message message = checks.parse(metadata, where);
        try {
            return interpret(message, body, where);
        } catch (RuntimeException e) {
            throw new InvalidIpcException(where + ": " + e, e);
        }
    }

    private RecordBatch interpret(Message message, MemorySegment body, String where) throws IOException {
        switch (message.headerType()) {
            case MessageHeader.Schema -> {
                if (core.schema() != null) {
                    throw new InvalidIpcException(where + " (schema): the stream already has a schema");
                }
                core.readSchema(ReaderCore.schemaOf(message), where + " (schema)");
                return null;
            }
            case MessageHeader.DictionaryBatch -> {
                core.readDictionary(message, body, null, where + " (dictionary batch)", false);
                return null;
            }
            default -> {
                return core.readBatch(message, body, null, where + " (record batch)");
            }
        }
    }

    /** Bytes of the segment read so far. */
    public long position() {
        return position;
    }

    /** The current dictionaries by id, valid while this reader is open. */
    public Map<Long, Array> dictionaries() {
        checkOpen();
        Map<Long, Array> map = new LinkedHashMap<>();
        for (Map.Entry<Long, ArrayData> e : core.dictionaries().entrySet()) {
            map.put(e.getKey(), Array.of(e.getValue()));
        }
        return map;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
    }

    /** Releases the dictionaries; the segment stays the caller's. Batches stay valid. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            core.close();
        }
    }
}
