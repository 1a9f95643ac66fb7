package dev.lightstream.ipc;

import dev.lightstream.codec.CorruptFrameException;

/**
 * Bytes that are not valid Arrow IPC: a malformed flatbuffer, a buffer outside its message body, a
 * field node count that does not match the schema, offsets out of range, and so on.
 *
 * <p>Messages name where the problem is (message index, field path, buffer index) and the numbers
 * involved, so that a corrupt file can be diagnosed from the message alone.
 */
public class InvalidIpcException extends CorruptFrameException {
    private static final long serialVersionUID = 1L;

    public InvalidIpcException(String message) {
        super(message);
    }

    public InvalidIpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
