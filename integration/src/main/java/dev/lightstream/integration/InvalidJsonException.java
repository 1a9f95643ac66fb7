package dev.lightstream.integration;

import java.io.IOException;

/**
 * Raised when an integration JSON document is malformed: not JSON, truncated, a member missing or
 * of the wrong JSON type, a count that disagrees with the values present, an offset or index that
 * does not fit, an unknown type name.
 *
 * <p>The message starts with the JSON path of the offending value, such as
 * {@code $.batches[1].columns[3].DATA[17]}; {@link #path()} returns it alone.
 *
 * {@snippet :
 * try (IntegrationJsonFile file = IntegrationJsonReader.read(path, allocator)) {
 *     use(file);
 * } catch (InvalidJsonException e) {
 *     System.err.println("bad gold file at " + e.path() + ": " + e.getMessage());
 * }
 * }
 */
public final class InvalidJsonException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidJsonException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public InvalidJsonException(String path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** The JSON path of the value that was wrong, {@code $} for the document itself. */
    public String path() {
        return path;
    }
}
