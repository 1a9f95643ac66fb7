package dev.lightstream.codec.tlv;

import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One TLV frame: a type from 0 to 255 and a value of 0 to 2<sup>32</sup>-1 bytes.
 *
 * <p>A frame made by {@link TlvDecoder} owns its value: a slice of a 64-byte-aligned
 * {@link MemoryBlock}, released by {@link #close()}. A frame made with {@link #of(int, MemorySegment)}
 * only borrows the caller's memory, and closing it does nothing.
 *
 * {@snippet :
 * try (TlvFrame frame = reader.read()) {
 *     int type = frame.type();
 *     MemorySegment value = frame.value();   // valid until close()
 * }
 * TlvFrame outgoing = TlvFrame.of(7, "hello".getBytes(StandardCharsets.UTF_8));
 * }
 *
 * <p>Not thread-safe to close from several threads at once; reading the value from several threads
 * is fine.
 */
public final class TlvFrame implements AutoCloseable {
    /** The largest value a TLV frame can carry: the u32 length field's maximum. */
    public static final long MAX_VALUE_BYTES = 0xFFFF_FFFFL;

    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);

    private final int type;
    private final MemorySegment value;
    private final MemoryBlock block;
    private boolean closed;

    private TlvFrame(int type, MemorySegment value, MemoryBlock block) {
        this.type = type;
        this.value = value;
        this.block = block;
    }

    /**
     * A frame whose value is {@code value}, borrowed: the caller keeps it alive and unchanged while
     * the frame is in use (until a writer's flush returns, for one being sent).
     *
     * @throws IllegalArgumentException if {@code type} is not 0 to 255 or the value is longer than
     *     {@link #MAX_VALUE_BYTES}
     */
    public static TlvFrame of(int type, MemorySegment value) {
        checkType(type);
        Objects.requireNonNull(value, "value");
        if (value.byteSize() > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value byteSize=" + value.byteSize() + " exceeds the TLV maximum of "
                    + MAX_VALUE_BYTES);
        }
        return new TlvFrame(type, value, null);
    }

    /** A frame whose value is {@code value}, borrowed (not copied). */
    public static TlvFrame of(int type, byte[] value) {
        return of(type, MemorySegment.ofArray(value));
    }

    /** A frame with an empty value. */
    public static TlvFrame empty(int type) {
        return of(type, EMPTY);
    }

    /** A frame that owns {@code block}; its value is the first {@code length} bytes of it. */
    static TlvFrame owning(int type, MemoryBlock block, long length) {
        return new TlvFrame(type, block.segment().asSlice(0, length), block);
    }

    /** A frame with an empty value, made by the decoder (no memory behind it). */
    static TlvFrame emptyDecoded(int type) {
        return new TlvFrame(type, EMPTY, null);
    }

    private static void checkType(int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("type=" + type + " is not in 0..255");
        }
    }

    /** The type, 0 to 255. */
    public int type() {
        return type;
    }

    /** The value's length in bytes. */
    public long length() {
        return value.byteSize();
    }

    /**
     * The value, exactly {@link #length()} bytes.
     *
     * @throws IllegalStateException if the frame owned its memory and has been closed
     */
    public MemorySegment value() {
        if (closed && block != null) {
            throw new IllegalStateException("TLV frame (type=" + type + ") used after close");
        }
        return value;
    }

    /** A copy of the value. */
    public byte[] toByteArray() {
        return value().toArray(ValueLayout.JAVA_BYTE);
    }

    /** The value as a {@link ByteBuffer} view (no copy); values over 2 GiB do not fit one. */
    public ByteBuffer valueBuffer() {
        return value().asByteBuffer();
    }

    /**
     * The block holding a decoded frame's value, or null for a borrowed or empty value. A caller that
     * keeps the value beyond {@link #close()} retains the block first.
     */
    public MemoryBlock block() {
        return block;
    }

    /** Releases the value's memory if the frame owns it. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (block != null) {
                block.release();
            }
        }
    }

    @Override
    public String toString() {
        return "TlvFrame[type=" + type + ", length=" + value.byteSize() + "]";
    }
}
