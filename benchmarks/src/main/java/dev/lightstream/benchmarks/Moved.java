package dev.lightstream.benchmarks;

/**
 * What one run of one side moved: rows delivered to the reader, bytes of the format that went
 * through (for a raw byte pump, the bytes it pumped), and a checksum of what the reader summed, so
 * that a run cannot skip work unnoticed and the sides can be checked to agree.
 *
 * @param nanos the time of the part of the run that counts, when the run times itself (to leave
 *     out closing a reader, say); -1 when the whole run counts
 */
public record Moved(long rows, long bytes, long checksum, long nanos) {
    public Moved(long rows, long bytes, long checksum) {
        this(rows, bytes, checksum, -1);
    }
}
