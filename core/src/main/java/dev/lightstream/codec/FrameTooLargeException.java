package dev.lightstream.codec;

import java.io.IOException;

/** A frame declared a length over the decoder's maximum; nothing was allocated for it. */
public class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final long maximum;

    public FrameTooLargeException(String what, long length, long maximum) {
        super(what + " of " + length + " bytes exceeds the maximum of " + maximum + " bytes");
        this.length = length;
        this.maximum = maximum;
    }

    /** The declared length. */
    public long length() {
        return length;
    }

    /** The maximum the decoder accepts. */
    public long maximum() {
        return maximum;
    }
}
