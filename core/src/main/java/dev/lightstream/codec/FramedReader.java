package dev.lightstream.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * A blocking reader of frames: drives a {@link FrameDecoder} over a {@link ReadableByteChannel}.
 *
 * <p>Where the decoder offers a {@linkplain FrameDecoder#directBuffer() direct buffer} (the memory a
 * large payload will live in), the reader reads from the channel straight into it, so payload bytes
 * are written once, by the kernel. Otherwise it reads into a small direct staging buffer, reused for
 * the life of the reader, and pushes that through {@link FrameDecoder#decode}. When the channel can
 * scatter, one read fills the rest of the direct buffer and the staging buffer behind it, so the
 * end of a payload and the headers that follow it arrive in one system call.
 *
 * {@snippet :
 * try (FramedReader<TlvFrame> reader = new FramedReader<>(connection, new TlvDecoder(allocator, 1 << 20))) {
 *     TlvFrame frame;
 *     while ((frame = reader.read()) != null) {   // null: the input ended cleanly
 *         try (frame) {
 *             handle(frame);
 *         }
 *     }
 * } // an input that ends inside a frame throws EOFException from read()
 * }
 *
 * <p>The reader does not own the channel: {@link #close()} closes the decoder (freeing a partial
 * frame) but leaves the channel open. The channel must be in blocking mode.
 *
 * <p>Recovery: when {@link #read()} throws, the bytes already read stay where they were, so a call
 * to {@code read()} after a {@link java.net.SocketTimeoutException} resumes where the last one
 * stopped, and a call after a {@link FrameTooLargeException} goes on if the decoder can (see the
 * decoder's documentation). After any other exception, close the reader.
 *
 * <p>Not thread-safe: one thread reads at a time.
 *
 * @param <F> the frame type
 */
public final class FramedReader<F> implements AutoCloseable {
    /** Staging buffer size when none is given: large enough to take many small frames per read. */
    public static final int DEFAULT_STAGING_BYTES = 64 * 1024;

    private static final ByteBuffer EMPTY = ByteBuffer.allocateDirect(0);

    private final ReadableByteChannel channel;
    private final ScatteringByteChannel scattering;
    private final FrameDecoder<F> decoder;
    private final ByteBuffer staging;
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private long bytesRead;
    private boolean ended;
    private boolean closed;

    /** A reader with a {@value #DEFAULT_STAGING_BYTES}-byte staging buffer. */
    public FramedReader(ReadableByteChannel channel, FrameDecoder<F> decoder) {
        this(channel, decoder, DEFAULT_STAGING_BYTES);
    }

    /**
     * A reader with a staging buffer of {@code stagingBytes}.
     *
     * @throws IllegalArgumentException if {@code stagingBytes} is not positive or the channel is a
     *     non-blocking selectable channel
     */
    public FramedReader(ReadableByteChannel channel, FrameDecoder<F> decoder, int stagingBytes) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (stagingBytes <= 0) {
            throw new IllegalArgumentException("stagingBytes=" + stagingBytes + " must be positive");
        }
        if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
            throw new IllegalArgumentException("channel is in non-blocking mode: " + channel);
        }
        this.scattering = channel instanceof ScatteringByteChannel s ? s : null;
        this.staging = ByteBuffer.allocateDirect(stagingBytes).flip(); // empty, in read mode
    }

    /**
     * Reads the next frame, blocking until it is complete.
     *
     * @return the frame, or null when the input ended at a frame boundary (and on every call after)
     * @throws java.io.EOFException if the input ended inside a frame
     * @throws IOException if the channel fails or the decoder rejects the bytes
     * @throws IllegalStateException if the reader is closed
     */
    public F read() throws IOException {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (ended) {
            return null;
        }
        for (;;) {
            if (staging.hasRemaining()) {
                F frame = decoder.decode(staging);
                if (frame != null) {
                    return frame;
                }
            }
            ByteBuffer direct = decoder.directBuffer();
            long n = direct != null && direct.hasRemaining() ? readDirect(direct) : readStaged();
            if (n < 0) {
                ended = true;
                decoder.finish();
                return null;
            }
            bytesRead += n;
            if (direct != null) {
                // The decoder takes stock of what landed in its buffer.
                F frame = decoder.decode(EMPTY);
                if (frame != null) {
                    return frame;
                }
            }
        }
    }

    /** Reads into the decoder's buffer, and into the staging buffer behind it when the channel scatters. */
    private long readDirect(ByteBuffer direct) throws IOException {
        if (scattering == null || direct.remaining() >= staging.capacity()) {
            return channel.read(direct);
        }
        staging.clear();
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

    private long readStaged() throws IOException {
        staging.clear();
        try {
            return channel.read(staging);
        } finally {
            staging.flip();
        }
    }

    /** The decoder this reader drives. */
    public FrameDecoder<F> decoder() {
        return decoder;
    }

    /** Bytes read from the channel so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Closes the decoder, freeing any partial frame; the channel stays open. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            decoder.close();
        }
    }
}
