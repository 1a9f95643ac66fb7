package dev.lightstream.ipc;

/**
 * The body compression of an IPC record batch: none, or one of the two codecs of the Arrow
 * format ({@code BodyCompression.codec}), applied to each buffer separately.
 */
public enum CompressionType {
    /** Buffers stored as they are. */
    NONE(-1),
    /** The LZ4 frame format (not raw LZ4 blocks). */
    LZ4_FRAME(org.apache.arrow.flatbuf.CompressionType.LZ4_FRAME),
    /** Zstandard. */
    ZSTD(org.apache.arrow.flatbuf.CompressionType.ZSTD);

    private final int wireCode;

    CompressionType(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The {@code CompressionType} value of the Arrow flatbuffer schema; -1 for {@link #NONE}. */
    public int wireCode() {
        return wireCode;
    }
}
