package dev.lightstream.ipc;

import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One encapsulated Arrow IPC message as it travels: the flatbuffer {@code Message} metadata and
 * the body that follows it, not yet interpreted.
 *
 * <pre>
 * 0               4               8                      8+n (padded to 8)
 * +---------------+---------------+----------------------+----------------------------+
 * |  0xFFFFFFFF   | n: int32 LE   | Message flatbuffer   | body: bodyLength bytes     |
 * | (continuation)| metadata size | (n bytes, padding    | (buffers, each padded)     |
 * |               |               |  included)           |                            |
 * +---------------+---------------+----------------------+----------------------------+
 * </pre>
 *
 * <p>Streams written before Arrow 0.15 lack the continuation marker and start with the int32
 * length. A length of 0 ({@code 0xFFFFFFFF 0x00000000}, or a bare {@code 0x00000000}) marks the
 * end of the stream: {@link #isEndOfStream()}.
 *
 * <p>A frame owns one reference to its body block: {@link #close()} releases it; a consumer that
 * keeps the body retains the block first. The {@linkplain #metadata() metadata} buffer belongs to
 * the decoder and is valid until its next {@code decode} call.
 *
 * {@snippet :
 * try (MessageFrameDecoder decoder = new MessageFrameDecoder(allocator, IpcReadOptions.DEFAULT)) {
 *     MessageFrame frame;
 *     while ((frame = decoder.decode(input)) != null) {
 *         try (frame) {
 *             forward(frame.metadata(), frame.body());
 *         }
 *     }
 * }
 * }
 */
public final class MessageFrame implements AutoCloseable {
    /** The end-of-stream marker. */
    public static final MessageFrame END_OF_STREAM = new MessageFrame(ByteBuffer.allocate(0), null, 0);

    private final ByteBuffer metadata;
    private final MemoryBlock body;
    private final long bodyLength;
    private boolean closed;

    /**
     * A frame over {@code metadata} (from its position to its limit) and {@code bodyLength} bytes of
     * {@code body}, taking over one reference to {@code body}.
     *
     * @throws IllegalArgumentException if {@code body} is null while {@code bodyLength} is not 0, or
     *     shorter than {@code bodyLength}
     */
    public MessageFrame(ByteBuffer metadata, MemoryBlock body, long bodyLength) {
        if (bodyLength < 0 || (bodyLength > 0 && (body == null || body.byteSize() < bodyLength))) {
            throw new IllegalArgumentException("bodyLength=" + bodyLength + " body=" + body);
        }
        this.metadata = metadata.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.body = body;
        this.bodyLength = bodyLength;
    }

    /** True for the end-of-stream marker. */
    public boolean isEndOfStream() {
        return this == END_OF_STREAM;
    }

    /** The flatbuffer {@code Message}, little-endian, from position 0 (read-only use). */
    public ByteBuffer metadata() {
        return metadata.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The body block, or null when the body is empty. */
    public MemoryBlock body() {
        return body;
    }

    /** The body's length; the block may be longer (padding). */
    public long bodyLength() {
        return bodyLength;
    }

    /** The body's bytes, exactly {@link #bodyLength()} long. */
    public MemorySegment bodySegment() {
        return body == null ? MemorySegment.NULL : body.segment().asSlice(0, bodyLength);
    }

    /** Releases this frame's reference to the body. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (body != null) {
                body.release();
            }
        }
    }
}
