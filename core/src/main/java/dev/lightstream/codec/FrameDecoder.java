package dev.lightstream.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Turns a byte stream into frames, with no I/O of its own: push bytes in any split, get frames out.
 *
 * <p>{@link #decode} consumes bytes from the buffer it is given and keeps whatever it needs of a
 * partial frame, so callers may offer input one byte at a time or a megabyte at a time and get
 * the same frames. A decoder that knows where a large payload goes (the body of an IPC message,
 * say) offers that memory as a {@link #directBuffer()}: the caller reads from its source straight
 * into it, and the bytes never pass through an intermediate buffer.
 *
 * {@snippet :
 * FrameDecoder<TlvFrame> decoder = new TlvDecoder(allocator, 1 << 20);
 * ByteBuffer chunk = ...;
 * TlvFrame frame;
 * while ((frame = decoder.decode(chunk)) != null) {
 *     handle(frame);
 * }
 * // chunk is now fully consumed; fetch more bytes and call decode again
 * }
 *
 * <p>Decoders are not thread-safe. Each says in its documentation whether it can go on after
 * throwing (a frame over the maximum size, say) or must be discarded.
 *
 * @param <F> the frame type
 */
public interface FrameDecoder<F> extends AutoCloseable {

    /**
     * Decodes at most one frame from {@code in}, advancing its position past the bytes used.
     *
     * @return the next frame, or null when more bytes are needed, in which case every remaining
     *     byte of {@code in} has been consumed
     * @throws IOException if the bytes are not a valid frame ({@link FrameTooLargeException} for a
     *     declared length over the maximum, {@link CorruptFrameException} for other bad input)
     */
    F decode(ByteBuffer in) throws IOException;

    /**
     * Memory the decoder wants filled directly, or null. When non-null, the caller may write bytes
     * into it (up to its limit) instead of passing them through {@link #decode}, then must call
     * {@code decode} with an empty buffer so that the decoder can take stock (and return the frame if
     * the buffer is now full). Bytes passed to {@code decode} meanwhile go to the same place.
     */
    default ByteBuffer directBuffer() {
        return null;
    }

    /**
     * Tells the decoder that the input has ended.
     *
     * @throws java.io.EOFException if the input ended inside a frame
     */
    default void finish() throws IOException {}

    /** True when the decoder holds no partial frame. */
    boolean atFrameBoundary();

    /** Frees what the decoder holds for a partial frame. Idempotent. */
    @Override
    default void close() {}
}
