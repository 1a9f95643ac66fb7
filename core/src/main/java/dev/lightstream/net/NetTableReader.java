package dev.lightstream.net;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcMessage;
import dev.lightstream.ipc.StreamDecoder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an Arrow IPC stream of record batches from a {@link Connection}: the client side of
 * receiving a table (connect to a server that sends one), and what a receiving {@link TableServer}
 * hands each {@link TableHandler}.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      NetTableReader reader = NetTableReader.connect(Endpoint.parse("tcp://localhost:9000"), allocator,
 *              NetOptions.defaults())) {
 *     Schema schema = reader.schema();
 *     for (RecordBatch batch; (batch = reader.next()) != null; ) {
 *         try (RecordBatch b = batch) {
 *             process(batch);
 *         }
 *     }
 * }
 * }
 *
 * <p><b>Zero copy.</b> Message bodies go from the connection straight into the 64-byte-aligned
 * block the decoder allocates for them ({@link StreamDecoder#directBuffer()}); the arrays of a batch
 * are slices of that block. Only message prefixes and metadata (with whatever bytes of a body the same
 * read brings along) pass through a 16 KiB staging block, which comes from the allocator too: no heap
 * buffer, no {@link java.io.InputStream}.
 *
 * <p><b>Ends.</b> A stream ends with its end-of-stream marker. A connection that ends inside a
 * message raises {@link EOFException}, never a partial batch; one that ends between two messages
 * without the marker raises {@link EOFException} too unless
 * {@link NetOptions#requireEndOfStream()} is off (a peer that vanishes must not pass for a complete
 * stream). After the marker, {@link #nextStream()} reads the stream that follows on the same
 * connection, if any.
 *
 * <p>Not thread-safe, except {@link #abort()}. Closing the reader closes the connection.
 */
public final class NetTableReader implements BatchReader {
    private static final int STAGING_BYTES = 16 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Connection connection;
    private final BufferAllocator allocator;
    private final NetOptions options;
    private final StreamDecoder decoder;
    private final MemoryBlock stagingBlock;
    private final ByteBuffer staging;
    private long bytesRead;
    private long batchesRead;
    private boolean ended;
    private boolean closed;
    private boolean handedOver;

    private NetTableReader(Connection connection, BufferAllocator allocator, NetOptions options,
            MemoryBlock stagingBlock, ByteBuffer staging) {
        this.connection = connection;
        this.allocator = allocator;
        this.options = options;
        this.decoder = new StreamDecoder(allocator, options.read());
        this.stagingBlock = stagingBlock;
        this.staging = staging;
    }

    /**
     * Connects to {@code endpoint} and reads the stream its server sends.
     *
     * @throws IOException if the connection fails (nothing is read yet)
     */
    public static NetTableReader connect(Endpoint endpoint, BufferAllocator allocator, NetOptions options)
            throws IOException {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        Connection connection = Transports.connect(endpoint, options.transport());
        try {
            return of(connection, allocator, options);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A reader of the stream arriving on {@code connection}, which the reader now owns. */
    public static NetTableReader of(Connection connection, BufferAllocator allocator, NetOptions options) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(options, "options");
        // From the allocator, so that many connections cost no direct-buffer churn.
        MemoryBlock block = Objects.requireNonNull(allocator, "allocator").allocateUninitialized(STAGING_BYTES);
        return new NetTableReader(connection, allocator, options, block,
                block.segment().asSlice(0, STAGING_BYTES).asByteBuffer().flip());
    }

    /**
     * The stream's schema, reading up to its Schema message if needed.
     *
     * @throws EOFException if the stream ends before its schema
     */
    @Override
    public Schema schema() throws IOException {
        checkOpen();
        while (decoder.schema() == null) {
            IpcMessage message = nextMessage();
            if (message == null || message instanceof IpcMessage.EndOfStream) {
                throw new EOFException(connection.remoteAddress() + ": the stream ended before its schema");
            }
        }
        return decoder.schema();
    }

    /**
     * The next record batch, or null once the end-of-stream marker is read. The caller owns the
     * batch and must close it.
     *
     * @throws EOFException if the connection ends inside a message, or before the marker when it is
     *     required
     * @throws dev.lightstream.ipc.InvalidIpcException if the bytes are not a valid Arrow IPC stream
     */
    @Override
    public RecordBatch next() throws IOException {
        schema();
        while (!ended) {
            IpcMessage message = nextMessage();
            switch (message) {
                case null -> {
                    ended = true;
                    if (options.requireEndOfStream()) {
                        throw new EOFException(connection.remoteAddress() + ": the connection ended after "
                                + batchesRead + " batch(es) without the end-of-stream marker");
                    }
                }
                case IpcMessage.EndOfStream e -> ended = true;
                case IpcMessage.RecordBatchMessage b -> {
                    batchesRead++;
                    return b.batch();
                }
                case IpcMessage.SchemaMessage s -> throw new InvalidIpcException(
                        "after " + batchesRead + " batch(es): a second schema in the stream");
                case IpcMessage.DictionaryBatch d -> { }
            }
        }
        return null;
    }

    /** The next message, or null at the end of input between two messages. */
    private IpcMessage nextMessage() throws IOException {
        while (true) {
            IpcMessage message = decoder.decode(staging);
            if (message != null) {
                return message;
            }
            ByteBuffer direct = decoder.directBuffer();
            int n;
            if (direct != null) {
                n = connection.read(direct);
                if (n > 0) {
                    bytesRead += n;
                    message = decoder.decode(EMPTY);
                    if (message != null) {
                        return message;
                    }
                    continue;
                }
            } else {
                staging.clear();
                n = connection.read(staging);
                staging.flip();
                if (n > 0) {
                    bytesRead += n;
                }
            }
            if (n < 0) {
                try {
                    decoder.finish();
                } catch (EOFException e) {
                    EOFException named = new EOFException(connection.remoteAddress() + ": " + e.getMessage());
                    named.initCause(e);
                    throw named;
                }
                return null;
            }
        }
    }

    /**
     * A reader of the next stream on the same connection, once this one has ended with its
     * end-of-stream marker, or null if the connection ends there. The new reader takes over the
     * connection and the bytes already read; this one is closed (without closing the connection).
     *
     * @throws IllegalStateException if this stream has not been read to its end
     */
    public NetTableReader nextStream() throws IOException {
        checkOpen();
        if (!ended) {
            throw new IllegalStateException("the stream has not ended: read it to its end (next() == null) first");
        }
        if (!decoder.isEnded()) {
            return null; // the connection ended without a marker: nothing can follow
        }
        if (!staging.hasRemaining()) {
            staging.clear();
            int n = connection.read(staging);
            staging.flip();
            if (n < 0) {
                return null;
            }
            bytesRead += n;
        }
        handedOver = true;
        closed = true;
        decoder.close();
        return new NetTableReader(connection, allocator, options, stagingBlock, staging);
    }

    /** The current dictionaries by id, valid while this reader is open. */
    public Map<Long, Array> dictionaries() {
        checkOpen();
        return decoder.dictionaries();
    }

    /** The connection read from. */
    public Connection connection() {
        return connection;
    }

    /** Bytes read from the connection so far by this reader. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Record batches returned so far. */
    public long batchesRead() {
        return batchesRead;
    }

    /** True once the stream has ended (null was returned by {@link #next()}). */
    public boolean isEnded() {
        return ended;
    }

    /** Closes the connection, so that a read blocked in another thread fails at once. */
    @Override
    public void abort() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // Giving up on the connection: there is nothing more to do with it.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(handedOver ? "reader was handed over to nextStream()" : "reader is closed");
        }
    }

    /** Releases the dictionaries and any partial message, and closes the connection. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            decoder.close();
            stagingBlock.release();
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "NetTableReader[" + connection.remoteAddress() + ", batches=" + batchesRead + ", bytes=" + bytesRead
                + (ended ? ", ended" : "") + "]";
    }
}
