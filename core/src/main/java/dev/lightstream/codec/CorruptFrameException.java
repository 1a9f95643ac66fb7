package dev.lightstream.codec;

import java.io.IOException;

/** Bytes that are not a valid frame of the expected format. */
public class CorruptFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptFrameException(String message) {
        super(message);
    }

    public CorruptFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
