package dev.lightstream.ipc;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Schema;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.util.Map;
import java.util.Objects;

/**
 * A blocking reader of the Arrow IPC stream format over a {@link ReadableByteChannel}: a
 * {@link StreamDecoder} fed from the channel.
 *
 * <p>Message bodies are read from the channel straight into the decoder's
 * {@linkplain StreamDecoder#directBuffer() body block}; only message prefixes and metadata (and
 * whatever bytes of a body a read brings along with them) pass through a small reused direct
 * staging buffer. When the channel can scatter (sockets, files), the read that ends a body also
 * brings the next message's prefix and metadata, so a stream of small batches costs about one
 * read per message.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(path), allocator)) {
 *     System.out.println(reader.schema());
 *     for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
 *         try (RecordBatch batch = next) {
 *             System.out.println(batch.rowCount());
 *         }
 *     }
 * }
 * }
 *
 * <p>A stream that ends cleanly between two messages without an end-of-stream marker is accepted
 * as ended; one that ends inside a message raises {@link EOFException}. Not thread-safe.
 */
public final class ArrowStreamReader implements AutoCloseable {
    private static final int STAGING_BYTES = 16 * 1024;
    private static final int TAIL_BYTES = 4 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ReadableByteChannel channel;
    private final ScatteringByteChannel scattering;
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private final StreamDecoder decoder;
    private final MemoryBlock stagingBlock;
    private final ByteBuffer staging;
    private boolean ended;
    private boolean closed;

    /** A reader with the default limits. The reader closes the channel when it is closed. */
    public ArrowStreamReader(ReadableByteChannel channel, BufferAllocator allocator) {
        this(channel, allocator, IpcReadOptions.DEFAULT);
    }

    public ArrowStreamReader(ReadableByteChannel channel, BufferAllocator allocator, IpcReadOptions options) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.scattering = channel instanceof ScatteringByteChannel c ? c : null;
        this.decoder = new StreamDecoder(allocator, options);
        // From the allocator, so that opening many readers costs no direct-buffer churn.
        this.stagingBlock = allocator.allocateUninitialized(STAGING_BYTES);
        this.staging = stagingBlock.segment().asSlice(0, STAGING_BYTES).asByteBuffer().flip();
    }

    /**
     * The stream's schema, reading up to its Schema message if needed.
     *
     * @throws EOFException if the stream ends before its schema
     */
    public Schema schema() throws IOException {
        checkOpen();
        while (decoder.schema() == null) {
            IpcMessage message = nextMessage();
            if (message == null || message instanceof IpcMessage.EndOfStream) {
                throw new EOFException("the stream ended before its schema");
            }
        }
        return decoder.schema();
    }

    /**
     * The next record batch, or null at the end of the stream. Dictionary batches met on the way
     * are applied. The caller owns the batch and must close it.
     */
    public RecordBatch next() throws IOException {
        schema();
        while (!ended) {
            IpcMessage message = nextMessage();
            switch (message) {
                case null -> ended = true;
                case IpcMessage.EndOfStream e -> ended = true;
                case IpcMessage.RecordBatchMessage b -> {
                    return b.batch();
                }
                case IpcMessage.SchemaMessage s -> throw new InvalidIpcException("a second schema in the stream");
                case IpcMessage.DictionaryBatch d -> { }
            }
        }
        return null;
    }

    /** The current dictionaries by id, valid while this reader is open. */
    public Map<Long, Array> dictionaries() {
        checkOpen();
        return decoder.dictionaries();
    }

    /** The next message, or null at a clean end of input. */
    private IpcMessage nextMessage() throws IOException {
        while (true) {
            IpcMessage message = decoder.decode(staging);
            if (message != null) {
                return message;
            }
            ByteBuffer direct = decoder.directBuffer();
            long n;
            if (direct != null) {
                n = readDirect(direct);
                if (n > 0) {
                    // The decoder takes stock of the body bytes; what landed in staging is next.
                    message = decoder.decode(EMPTY);
                    if (message != null) {
                        return message;
                    }
                    continue;
                }
            } else {
                staging.clear();
                n = channel.read(staging);
                staging.flip();
            }
            if (n < 0) {
                decoder.finish();
                return null;
            }
        }
    }

    /**
     * Reads the rest of a body into its block and, when the channel scatters, the head of what
     * follows into the staging buffer in the same system call: the next message's prefix and
     * metadata then cost no read of their own. Up to {@value #TAIL_BYTES} bytes: enough for the
     * metadata of a few dozen columns, little of the next body to copy out of staging.
     */
    private long readDirect(ByteBuffer direct) throws IOException {
        if (scattering == null) {
            return channel.read(direct);
        }
        staging.clear().limit(TAIL_BYTES);
        pair[0] = direct;
        pair[1] = staging;
        try {
            return scattering.read(pair);
        } finally {
            pair[0] = null;
            pair[1] = null;
            staging.flip();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
    }

    /** Releases the dictionaries and any partial message, and closes the channel. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            decoder.close();
            stagingBlock.release();
            channel.close();
        }
    }
}
