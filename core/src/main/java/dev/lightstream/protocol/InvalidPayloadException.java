package dev.lightstream.protocol;

import dev.lightstream.codec.CorruptFrameException;

/**
 * A message payload that does not decode as the type its channel carries: bytes that are not
 * MessagePack, a Protobuf message that does not parse, bytes left over after the value. Raised by
 * the payload helpers of the optional modules, naming the channel.
 */
public class InvalidPayloadException extends CorruptFrameException {
    private static final long serialVersionUID = 1L;

    private final String channel;

    public InvalidPayloadException(String channel, String message, Throwable cause) {
        super("message '" + channel + "': " + message, cause);
        this.channel = channel;
    }

    /** The name of the message channel. */
    public String channel() {
        return channel;
    }
}
