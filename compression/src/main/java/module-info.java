/**
 * Arrow IPC body compression for Lightstream: the LZ4_FRAME and ZSTD codecs, found by the core
 * through {@link java.util.ServiceLoader}.
 */
module dev.lightstream.compression {
    requires dev.lightstream.core;
    requires aircompressor.v3;

    provides dev.lightstream.ipc.CompressionCodec
            with dev.lightstream.compression.Lz4FrameCodec, dev.lightstream.compression.ZstdCodec;
}
