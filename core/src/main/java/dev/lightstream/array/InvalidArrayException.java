package dev.lightstream.array;

import java.io.IOException;

/**
 * Raised by {@link ArrayValidator} when array data is structurally invalid: a buffer too small,
 * offsets out of order or out of range, an unknown union type id, a dictionary index past the
 * dictionary... It is a checked {@link IOException} because such data comes from outside (a file,
 * a peer): the caller decides what to do with it.
 *
 * <p>The message names the field path (field names from the top, {@code [dictionary]} for a
 * dictionary) and what is wrong, with the numbers: {@code field 'points.item': offsets decrease at
 * slot 3: 12 then 8}.
 */
public class InvalidArrayException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidArrayException(String path, String problem) {
        super("field '" + path + "': " + problem);
        this.path = path;
    }

    /** The path of the offending field, names joined by dots. */
    public String path() {
        return path;
    }
}
