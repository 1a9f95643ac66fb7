package dev.lightstream.codec.tlv;

import dev.lightstream.codec.FrameEncoder;
import dev.lightstream.codec.FrameTooLargeException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The encoder of TLV frames (layout drawn in {@link TlvDecoder}): a five-byte header buffer, then
 * the value's own memory as one or more buffers, for a single gathering write.
 *
 * {@snippet :
 * FramedWriter<TlvFrame> writer = new FramedWriter<>(channel, new TlvEncoder());
 * writer.write(TlvFrame.of(3, payloadSegment));   // header + payload, one gathering write, no copy
 * }
 *
 * <p>An encoder may be given a maximum value size (the peer's decoder maximum, say) so that an
 * oversized frame fails here, before any byte of it is sent. Stateless and thread-safe.
 */
public final class TlvEncoder implements FrameEncoder<TlvFrame> {
    /** Largest ByteBuffer handed out for a value: a buffer cannot exceed 2 GiB. */
    private static final long MAX_CHUNK = 1L << 30;

    private final long maxValueBytes;

    /** An encoder for values up to the format's maximum, {@link TlvFrame#MAX_VALUE_BYTES}. */
    public TlvEncoder() {
        this(TlvFrame.MAX_VALUE_BYTES);
    }

    /**
     * An encoder that refuses values longer than {@code maxValueBytes}.
     *
     * @throws IllegalArgumentException if {@code maxValueBytes} is not in 0..{@link TlvFrame#MAX_VALUE_BYTES}
     */
    public TlvEncoder(long maxValueBytes) {
        if (maxValueBytes < 0 || maxValueBytes > TlvFrame.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(
                    "maxValueBytes=" + maxValueBytes + " is not in 0.." + TlvFrame.MAX_VALUE_BYTES);
        }
        this.maxValueBytes = maxValueBytes;
    }

    /**
     * Appends the header and the value's buffers (none for an empty value).
     *
     * @throws FrameTooLargeException if the value is longer than this encoder's maximum
     */
    @Override
    public void encode(TlvFrame frame, List<ByteBuffer> out) throws IOException {
        MemorySegment value = frame.value();
        long length = value.byteSize();
        if (length > maxValueBytes) {
            throw new FrameTooLargeException("TLV value (type=" + frame.type() + ")", length, maxValueBytes);
        }
        out.add(header(frame.type(), length));
        for (long offset = 0; offset < length; offset += MAX_CHUNK) {
            out.add(value.asSlice(offset, Math.min(MAX_CHUNK, length - offset)).asByteBuffer());
        }
    }

    /** The five header bytes of a frame, ready to read. */
    static ByteBuffer header(int type, long length) {
        return ByteBuffer.allocate(TlvDecoder.HEADER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(0, (byte) type)
                .putInt(1, (int) length);
    }
}
