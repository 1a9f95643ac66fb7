package dev.lightstream.ipc;

/**
 * Limits that a reader of untrusted Arrow IPC enforces before it allocates anything.
 *
 * <p>Every length read from the input is compared with these maxima first; a length over one
 * raises {@link dev.lightstream.codec.FrameTooLargeException} and nothing is allocated for it.
 *
 * {@snippet :
 * IpcReadOptions options = IpcReadOptions.DEFAULT
 *         .withMaxBodyBytes(256L << 20)
 *         .withMaxFieldCount(1_000);
 * try (ArrowStreamReader reader = new ArrowStreamReader(channel, allocator, options)) {
 *     // ...
 * }
 * }
 *
 * @param maxMetadataBytes the largest flatbuffer metadata of one message (default 64 MiB)
 * @param maxBodyBytes the largest message body, and the largest decompressed body (default 1 GiB)
 * @param maxNestingDepth the deepest field nesting of a schema (default 64)
 * @param maxFieldCount the most fields, counted at every level, of a schema (default 10,000)
 * @param maxDictionaryBytes the most bytes one dictionary may hold after deltas (default 1 GiB)
 * @param validateContents whether every batch and dictionary read goes through
 *     {@link dev.lightstream.array.ArrayValidator} (default true): offsets, list views, binary
 *     views, union type ids and offsets, dictionary indices, run ends and null counts, an O(n)
 *     pass over the buffers that hold them. Off, only the O(1) checks run (buffer sizes against
 *     field node lengths, child lengths, node and buffer counts), which is safe for data from a
 *     trusted writer: a forged value then reads as a wrong value or makes an accessor throw an
 *     unchecked exception (every buffer is a bounds-checked segment of its own length: never a
 *     read outside it). See the package
 *     documentation for what it costs.
 */
public record IpcReadOptions(long maxMetadataBytes, long maxBodyBytes, int maxNestingDepth, int maxFieldCount,
        long maxDictionaryBytes, boolean validateContents) {

    /** The defaults: 64 MiB metadata, 1 GiB body, depth 64, 10,000 fields, 1 GiB dictionaries, validation on. */
    public static final IpcReadOptions DEFAULT = new IpcReadOptions(64L << 20, 1L << 30, 64, 10_000, 1L << 30, true);

    /**
     * Bodies up to this size are allocated whole when their length is known; larger ones start at
     * this size and grow as their bytes arrive, so that a peer cannot make the reader reserve a
     * large block by declaring a length it never sends.
     */
    public static final long PREALLOCATE_BYTES = 64L << 20;

    public IpcReadOptions {
        if (maxMetadataBytes < 8 || maxMetadataBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxMetadataBytes=" + maxMetadataBytes + " is outside 8.." + (Integer.MAX_VALUE - 8));
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes=" + maxBodyBytes + " is negative");
        }
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException("maxNestingDepth=" + maxNestingDepth + " must be positive");
        }
        if (maxFieldCount < 1) {
            throw new IllegalArgumentException("maxFieldCount=" + maxFieldCount + " must be positive");
        }
        if (maxDictionaryBytes < 0) {
            throw new IllegalArgumentException("maxDictionaryBytes=" + maxDictionaryBytes + " is negative");
        }
    }

    public IpcReadOptions withMaxMetadataBytes(long value) {
        return new IpcReadOptions(value, maxBodyBytes, maxNestingDepth, maxFieldCount, maxDictionaryBytes, validateContents);
    }

    public IpcReadOptions withMaxBodyBytes(long value) {
        return new IpcReadOptions(maxMetadataBytes, value, maxNestingDepth, maxFieldCount, maxDictionaryBytes, validateContents);
    }

    public IpcReadOptions withMaxNestingDepth(int value) {
        return new IpcReadOptions(maxMetadataBytes, maxBodyBytes, value, maxFieldCount, maxDictionaryBytes, validateContents);
    }

    public IpcReadOptions withMaxFieldCount(int value) {
        return new IpcReadOptions(maxMetadataBytes, maxBodyBytes, maxNestingDepth, value, maxDictionaryBytes, validateContents);
    }

    public IpcReadOptions withMaxDictionaryBytes(long value) {
        return new IpcReadOptions(maxMetadataBytes, maxBodyBytes, maxNestingDepth, maxFieldCount, value, validateContents);
    }

    public IpcReadOptions withValidateContents(boolean value) {
        return new IpcReadOptions(maxMetadataBytes, maxBodyBytes, maxNestingDepth, maxFieldCount, maxDictionaryBytes, value);
    }
}
