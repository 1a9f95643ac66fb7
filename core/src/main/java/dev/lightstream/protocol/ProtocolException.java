package dev.lightstream.protocol;

import dev.lightstream.codec.CorruptFrameException;

/**
 * Bytes from the peer that break the Lightstream protocol: a handshake that does not start with
 * the magic or is malformed, a frame whose tag the peer never registered, an empty table frame, an
 * end-of-stream marker on a table channel. The message says where (frame index, stream offset)
 * and names the channel when there is one, also available as {@link #channel()}.
 *
 * <p>Malformed Arrow IPC inside a table frame raises {@link dev.lightstream.ipc.InvalidIpcException},
 * an over-long frame {@link dev.lightstream.codec.FrameTooLargeException} and a frame cut short
 * {@link java.io.EOFException}, each naming the channel in its message.
 */
public class ProtocolException extends CorruptFrameException {
    private static final long serialVersionUID = 1L;

    private final String channel;

    public ProtocolException(String message) {
        this(message, null, null);
    }

    /**
     * @param channel the name of the channel concerned, or null
     */
    public ProtocolException(String message, String channel) {
        this(message, channel, null);
    }

    public ProtocolException(String message, String channel, Throwable cause) {
        super(message, cause);
        this.channel = channel;
    }

    /** The name of the channel concerned, or null when the error concerns no registered name. */
    public String channel() {
        return channel;
    }
}
