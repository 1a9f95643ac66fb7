package dev.lightstream.ipc;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.codec.FrameDecoder;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.internal.MessageChecks;
import dev.lightstream.ipc.internal.ReaderCore;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * A sans-IO decoder of the Arrow IPC stream format: push bytes in any split, get
 * {@link IpcMessage}s out (schema, dictionary batches, record batches, end of stream).
 *
 * <p>Zero-copy: when a message's metadata is parsed, the decoder allocates one 64-byte-aligned
 * block for its body and offers the unfilled part as {@link #directBuffer()}; a reader fills it
 * straight from its channel, and the arrays of the batch are slices of that block. Each batch
 * retains its body block and the blocks of the dictionaries it uses; closing the batch releases
 * them. See the package documentation for when buffers are copied after all.
 *
 * <p>Every length is checked against {@link IpcReadOptions} before anything is allocated for it;
 * bad input raises {@link InvalidIpcException} (or {@link FrameTooLargeException} for a length
 * over a maximum, {@link java.io.EOFException} from {@link #finish()} for truncated input), never
 * an unchecked exception. After an exception the decoder must be closed.
 *
 * {@snippet :
 * try (StreamDecoder decoder = new StreamDecoder(allocator, IpcReadOptions.DEFAULT)) {
 *     IpcMessage message;
 *     while ((message = decoder.decode(chunk)) != null) {
 *         if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
 *             try (batch) {
 *                 process(batch);
 *             }
 *         }
 *     }
 * }
 * }
 */
public final class StreamDecoder implements FrameDecoder<IpcMessage> {
    private static final IpcMessage.EndOfStream END = new IpcMessage.EndOfStream();

    private final MessageFrameDecoder frames;
    private final MessageChecks checks = new MessageChecks();
    private final ReaderCore core;
    private boolean closed;

    public StreamDecoder(BufferAllocator allocator, IpcReadOptions options) {
        this.frames = new MessageFrameDecoder(allocator, options);
        this.core = new ReaderCore(allocator, options);
    }

    public StreamDecoder(BufferAllocator allocator) {
        this(allocator, IpcReadOptions.DEFAULT);
    }

    @Override
    public IpcMessage decode(ByteBuffer in) throws IOException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        MessageFrame frame;
        try {
            frame = frames.decode(in);
        } catch (RuntimeException e) {
            throw new InvalidIpcException("message " + frames.messageCount() + ": " + e, e);
        }
        if (frame == null) {
            return null;
        }
        if (frame.isEndOfStream()) {
            return END;
        }
        long index = frames.messageCount() - 1;
        try (frame) {
            return interpret(frame, index);
        } catch (RuntimeException e) {
            throw new InvalidIpcException("message " + index + ": " + e, e);
        }
    }

    private IpcMessage interpret(MessageFrame frame, long index) throws IOException {
        Message message = checks.parse(frame.metadata(), "message " + index);
        switch (message.headerType()) {
            case MessageHeader.Schema -> {
                String where = "message " + index + " (schema)";
                if (core.schema() != null) {
                    throw new InvalidIpcException(where + ": the stream already has a schema");
                }
                return new IpcMessage.SchemaMessage(core.readSchema(ReaderCore.schemaOf(message), where));
            }
            case MessageHeader.DictionaryBatch -> {
                ReaderCore.AppliedDictionary applied = core.readDictionary(message, frame.body(), frame.bodyLength(),
                        "message " + index + " (dictionary batch)", false);
                return new IpcMessage.DictionaryBatch(applied.id(), applied.delta(), Array.of(applied.data()));
            }
            default -> {
                return new IpcMessage.RecordBatchMessage(core.readBatch(message, frame.body(), frame.bodyLength(),
                        "message " + index + " (record batch)"));
            }
        }
    }

    /** The stream's schema, or null until its Schema message was decoded. */
    public Schema schema() {
        return core.schema();
    }

    /** The current dictionaries by id, as arrays valid while this decoder is open. */
    public Map<Long, Array> dictionaries() {
        Map<Long, Array> map = new LinkedHashMap<>();
        for (Map.Entry<Long, ArrayData> e : core.dictionaries().entrySet()) {
            map.put(e.getKey(), Array.of(e.getValue()));
        }
        return map;
    }

    @Override
    public ByteBuffer directBuffer() {
        return frames.directBuffer();
    }

    @Override
    public void finish() throws IOException {
        frames.finish();
    }

    @Override
    public boolean atFrameBoundary() {
        return frames.atFrameBoundary();
    }

    /** True once the end-of-stream marker was decoded. */
    public boolean isEnded() {
        return frames.isEnded();
    }

    /** Releases the partial message and the dictionaries (batches keep their own references). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            frames.close();
            core.close();
        }
    }
}
