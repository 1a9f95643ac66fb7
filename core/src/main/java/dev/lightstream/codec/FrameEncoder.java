package dev.lightstream.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns frames into bytes, with no I/O of its own: the encoded frame is a list of buffers meant
 * for a single gathering write, so that large payloads are sent from where they lie, never
 * concatenated.
 *
 * {@snippet :
 * List<ByteBuffer> out = new ArrayList<>();
 * encoder.encode(frame, out);
 * channel.write(out.toArray(ByteBuffer[]::new)); // a GatheringByteChannel
 * }
 *
 * @param <F> the frame type
 */
public interface FrameEncoder<F> {

    /**
     * Appends the buffers that carry {@code frame} to {@code out}, in wire order. The buffers may
     * share memory with the frame: they are valid until the frame's memory is released.
     *
     * @throws IOException if the frame cannot be encoded (too large, say)
     */
    void encode(F frame, List<ByteBuffer> out) throws IOException;
}
