package dev.lightstream.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.flatbuf.Message;

/**
 * Rewrites an IPC stream in the legacy (pre-0.15) encapsulation: each message prefixed by its
 * int32 metadata length alone, without the {@code 0xFFFFFFFF} continuation marker, and a bare
 * int32 zero as end of stream.
 */
final class LegacyFraming {
    private LegacyFraming() {}

    static byte[] of(byte[] modern) {
        ByteBuffer in = ByteBuffer.wrap(modern).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (position < modern.length) {
            if (in.getInt(position) != -1) {
                throw new IllegalArgumentException("no continuation marker at " + position);
            }
            int metadata = in.getInt(position + 4);
            out.write(modern, position + 4, 4);
            if (metadata == 0) {
                return out.toByteArray();
            }
            long body = Message.getRootAsMessage(in.slice(position + 8, metadata).order(ByteOrder.LITTLE_ENDIAN))
                    .bodyLength();
            out.write(modern, position + 8, metadata + Math.toIntExact(body));
            position += 8 + metadata + Math.toIntExact(body);
        }
        throw new IllegalArgumentException("no end-of-stream marker");
    }
}
