package dev.lightstream.ipc;

import dev.lightstream.codec.FrameEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes {@link MessageFrame}s in the current encapsulated format (continuation marker, int32
 * metadata length, metadata padded to 8 bytes, body), as buffers for one gathering write: the
 * prefix, the metadata as given, padding from a shared zero buffer, and a view of the body
 * block. The end-of-stream frame becomes {@code 0xFFFFFFFF 0x00000000}.
 *
 * {@snippet :
 * List<ByteBuffer> out = new ArrayList<>();
 * new MessageFrameEncoder().encode(frame, out);
 * channel.write(out.toArray(ByteBuffer[]::new));   // valid while the frame is open
 * }
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageFrameEncoder implements FrameEncoder<MessageFrame> {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();

    @Override
    public void encode(MessageFrame frame, List<ByteBuffer> out) {
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1);
        if (frame.isEndOfStream()) {
            out.add(prefix.putInt(0).flip());
            return;
        }
        ByteBuffer metadata = frame.metadata();
        int length = metadata.remaining();
        int pad = (8 - (length & 7)) & 7;
        out.add(prefix.putInt(length + pad).flip());
        out.add(metadata);
        if (pad > 0) {
            out.add(ZEROS.slice(0, pad));
        }
        if (frame.bodyLength() > 0) {
            out.add(frame.bodySegment().asByteBuffer());
        }
    }
}
