package dev.lightstream.cli.demo;

/**
 * What a {@link DemoRound} measured. Write and read times cover the library's work only:
 * generating batches and checking values are timed apart ({@code verifyNanos}).
 *
 * @param name the round's name
 * @param bytes the size of what was written (file, stream, bytes on the wire)
 * @param rows rows read back and verified
 * @param batches batches read back and verified
 * @param writeNanos time spent writing, end marker and footer included; -1 when the writing was
 *     done elsewhere (another process) and not timed
 * @param readNanos time spent reading, opening included
 * @param verifyNanos time spent checking values
 */
public record RoundResult(String name, long bytes, long rows, int batches, long writeNanos, long readNanos,
        long verifyNanos) {}
