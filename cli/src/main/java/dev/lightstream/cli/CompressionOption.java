package dev.lightstream.cli;

import dev.lightstream.ipc.CompressionType;

/**
 * The values of {@code --compression} (matched ignoring case): the IPC body codecs by their short
 * names.
 */
enum CompressionOption {
    ZSTD(CompressionType.ZSTD),
    LZ4(CompressionType.LZ4_FRAME),
    NONE(CompressionType.NONE);

    private final CompressionType type;

    CompressionOption(CompressionType type) {
        this.type = type;
    }

    CompressionType type() {
        return type;
    }
}
