package dev.lightstream.codec.tlv;

import dev.lightstream.codec.FrameDecoder;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The sans-IO decoder of TLV frames: a one-byte type, a four-byte little-endian length, the value.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |          length (u32, little-endian) ...      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ... length   |                 value (length bytes)  ...     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Frames follow each other with no padding. Each value lands in a 64-byte-aligned
 * {@link MemoryBlock} from the decoder's allocator, owned by the {@link TlvFrame} handed out (close
 * the frame to release it); a zero-length value takes no memory. While a value is incomplete the
 * decoder offers the rest of its block as the {@linkplain #directBuffer() direct buffer}, so a
 * {@link dev.lightstream.codec.FramedReader} reads the value from the channel straight into place.
 *
 * {@snippet :
 * TlvDecoder decoder = new TlvDecoder(allocator, 16 << 20);   // values up to 16 MiB
 * try (FramedReader<TlvFrame> reader = new FramedReader<>(channel, decoder)) {
 *     for (TlvFrame frame; (frame = reader.read()) != null; ) {
 *         try (frame) {
 *             process(frame.type(), frame.value());
 *         }
 *     }
 * }
 * }
 *
 * <p>Lengths are never trusted: a declared length over the maximum raises
 * {@link FrameTooLargeException} before anything is allocated. Values up to the preallocation size
 * (64 MiB unless given) get their whole block when the header arrives; longer ones start with a
 * block of the preallocation size that grows (doubling, copying what arrived) as bytes come, so a
 * peer must send bytes to make the decoder hold memory.
 *
 * <p><b>Going on after an error.</b> After a {@link FrameTooLargeException}, or an
 * {@link IOException} because the allocator refused the value's memory, the decoder stays usable:
 * it skips the value's bytes as they come (allocating nothing for them) and then decodes the next
 * frame. The caller may thus log the oversized frame and keep reading, or stop. An
 * {@link EOFException} from {@link #finish()} is final.
 *
 * <p>Not thread-safe.
 */
public final class TlvDecoder implements FrameDecoder<TlvFrame> {
    /** Bytes in a frame header: type (1) and length (4). */
    public static final int HEADER_BYTES = 5;
    /** Values up to this size get their whole block at once unless the constructor says otherwise. */
    public static final long DEFAULT_PREALLOCATE_BYTES = 64L << 20;

    /** Largest direct-buffer window: a ByteBuffer cannot exceed 2 GiB. */
    private static final long MAX_WINDOW = 1L << 30;

    private enum State { HEADER, VALUE, SKIP }

    private final BufferAllocator allocator;
    private final long maxValueBytes;
    private final long preallocateBytes;
    private final byte[] header = new byte[HEADER_BYTES];

    private State state = State.HEADER;
    private int headerFill;
    private int type;
    private long length;
    private long frameIndex;
    private long frameOffset;
    private long consumed;
    // VALUE state: the block, the bytes of it filled so far, and the window offered to the caller.
    private MemoryBlock block;
    private long capacity;
    private long windowBase;
    private ByteBuffer window;
    // SKIP state: value bytes still to discard.
    private long skipRemaining;
    private boolean closed;

    /**
     * A decoder whose values are at most {@code maxValueBytes} long, allocated from {@code allocator}.
     *
     * @throws IllegalArgumentException if {@code maxValueBytes} is negative or over
     *     {@link TlvFrame#MAX_VALUE_BYTES}
     */
    public TlvDecoder(BufferAllocator allocator, long maxValueBytes) {
        this(allocator, maxValueBytes, DEFAULT_PREALLOCATE_BYTES);
    }

    /**
     * A decoder as {@link #TlvDecoder(BufferAllocator, long)} that allocates at most
     * {@code preallocateBytes} for a value before its bytes arrive.
     *
     * @throws IllegalArgumentException if a size is out of range ({@code preallocateBytes} must be
     *     at least 64)
     */
    public TlvDecoder(BufferAllocator allocator, long maxValueBytes, long preallocateBytes) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        if (maxValueBytes < 0 || maxValueBytes > TlvFrame.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(
                    "maxValueBytes=" + maxValueBytes + " is not in 0.." + TlvFrame.MAX_VALUE_BYTES);
        }
        if (preallocateBytes < 64) {
            throw new IllegalArgumentException("preallocateBytes=" + preallocateBytes + " is below 64");
        }
        this.maxValueBytes = maxValueBytes;
        this.preallocateBytes = preallocateBytes;
    }

    /** The largest value this decoder accepts. */
    public long maxValueBytes() {
        return maxValueBytes;
    }

    @Override
    public TlvFrame decode(ByteBuffer in) throws IOException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        for (;;) {
            switch (state) {
                case HEADER -> {
                    if (!readHeader(in)) {
                        return null;
                    }
                    TlvFrame frame = startValue();
                    if (frame != null) {
                        return frame;
                    }
                }
                case VALUE -> {
                    TlvFrame frame = takeStock();
                    if (frame != null) {
                        return frame;
                    }
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    int take = Math.min(in.remaining(), window.remaining());
                    int position = in.position();
                    window.put(window.position(), in, position, take);
                    window.position(window.position() + take);
                    in.position(position + take);
                    consumed += take;
                }
                case SKIP -> {
                    long take = Math.min(in.remaining(), skipRemaining);
                    in.position(in.position() + (int) take);
                    consumed += take;
                    skipRemaining -= take;
                    if (skipRemaining > 0) {
                        return null;
                    }
                    endFrame();
                }
            }
        }
    }

    /** Gathers the five header bytes; true when they are all there. */
    private boolean readHeader(ByteBuffer in) {
        if (headerFill == 0) {
            frameOffset = consumed;
        }
        int take = Math.min(HEADER_BYTES - headerFill, in.remaining());
        in.get(header, headerFill, take);
        headerFill += take;
        consumed += take;
        if (headerFill < HEADER_BYTES) {
            return false;
        }
        headerFill = 0;
        type = header[0] & 0xFF;
        length = (header[1] & 0xFFL) | (header[2] & 0xFFL) << 8 | (header[3] & 0xFFL) << 16
                | (header[4] & 0xFFL) << 24;
        return true;
    }

    /** Checks the declared length and sets up the value; returns the frame at once if it is empty. */
    private TlvFrame startValue() throws IOException {
        if (length > maxValueBytes) {
            skip();
            throw new FrameTooLargeException(where() + " value", length, maxValueBytes);
        }
        if (length == 0) {
            endFrame();
            return TlvFrame.emptyDecoded(type);
        }
        long first = Math.min(length, preallocateBytes);
        try {
            block = allocator.allocateUninitialized(first);
        } catch (AllocationLimitException e) {
            skip();
            throw new IOException(where() + ": cannot allocate " + first + " bytes for a value of " + length
                    + " bytes: " + e.getMessage(), e);
        }
        capacity = first;
        windowBase = 0;
        window = null;
        state = State.VALUE;
        return null;
    }

    /** Counts what landed in the window; returns the frame when the value is complete. */
    private TlvFrame takeStock() throws IOException {
        long filled = window == null ? 0 : windowBase + window.position();
        if (filled == length) {
            TlvFrame frame = TlvFrame.owning(type, block, length);
            block = null;
            window = null;
            endFrame();
            return frame;
        }
        if (window == null || !window.hasRemaining()) {
            if (filled == capacity) {
                grow(filled);
            }
            long size = Math.min(capacity - filled, MAX_WINDOW);
            window = block.segment().asSlice(filled, size).asByteBuffer();
            windowBase = filled;
        }
        return null;
    }

    /** Moves the {@code filled} bytes so far into a block twice as large (at most the value's length). */
    private void grow(long filled) throws IOException {
        long next = Math.min(length, Math.max(capacity * 2, capacity + 64));
        MemoryBlock bigger;
        try {
            bigger = allocator.allocateUninitialized(next);
        } catch (AllocationLimitException e) {
            releaseBlock();
            state = State.SKIP;
            skipRemaining = length - filled;
            throw new IOException(where() + ": cannot grow the value's block to " + next + " bytes after " + filled
                    + " of " + length + ": " + e.getMessage(), e);
        }
        MemorySegment.copy(block.segment(), 0, bigger.segment(), 0, filled);
        block.release();
        block = bigger;
        capacity = next;
    }

    private void skip() {
        state = State.SKIP;
        skipRemaining = length;
        if (length == 0) {
            endFrame();
        }
    }

    private void endFrame() {
        state = State.HEADER;
        frameIndex++;
    }

    private String where() {
        return "TLV frame " + frameIndex + " (type=" + type + ") at stream offset " + frameOffset;
    }

    /**
     * The unfilled part of the current value's block, or null between values. After filling it, call
     * {@link #decode} (with an empty buffer if there is nothing else) to complete the frame or open
     * the next window.
     */
    @Override
    public ByteBuffer directBuffer() {
        return state == State.VALUE && !closed ? window : null;
    }

    @Override
    public void finish() throws IOException {
        if (atFrameBoundary()) {
            return;
        }
        String detail = switch (state) {
            case HEADER -> "TLV frame " + frameIndex + " at stream offset " + frameOffset + ", after " + headerFill
                    + " of " + HEADER_BYTES + " header bytes";
            case VALUE -> where() + ", after " + (window == null ? 0 : windowBase + window.position()) + " of " + length
                    + " value bytes";
            case SKIP -> where() + ", while skipping an oversized value, " + skipRemaining + " of " + length + " bytes missing";
        };
        releaseBlock();
        state = State.HEADER;
        headerFill = 0;
        throw new EOFException("input ended inside " + detail);
    }

    @Override
    public boolean atFrameBoundary() {
        return state == State.HEADER && headerFill == 0;
    }

    private void releaseBlock() {
        window = null;
        if (block != null) {
            MemoryBlock b = block;
            block = null;
            b.release();
        }
    }

    /** Releases the partial value, if any; the decoder cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            releaseBlock();
        }
    }
}
