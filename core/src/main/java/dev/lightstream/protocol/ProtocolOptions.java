package dev.lightstream.protocol;

import dev.lightstream.codec.tlv.TlvFrame;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import java.util.Objects;

/**
 * Limits and encodings of a {@link LightstreamConnection}.
 *
 * {@snippet :
 * ProtocolOptions options = ProtocolOptions.DEFAULT
 *         .withMaxFrameBytes(16L << 20)                                    // refuse frames over 16 MiB
 *         .withWriteOptions(IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD));
 * }
 *
 * @param maxFrameBytes the longest frame payload this side accepts, checked before anything is
 *     allocated for it; announced in the handshake, so the peer refuses to send longer ones
 *     (default 1 GiB, at most 2<sup>32</sup>-1)
 * @param readOptions the limits of the Arrow IPC decoders of table channels; their metadata and
 *     body maxima are capped at {@code maxFrameBytes}, since one frame carries one IPC message
 * @param writeOptions how this side encodes table batches (compression)
 */
public record ProtocolOptions(long maxFrameBytes, IpcReadOptions readOptions, IpcWriteOptions writeOptions) {
    /** 1 GiB frames, the default IPC limits, no compression. */
    public static final ProtocolOptions DEFAULT = new ProtocolOptions(1L << 30, IpcReadOptions.DEFAULT,
            IpcWriteOptions.DEFAULT);

    public ProtocolOptions {
        if (maxFrameBytes < 0 || maxFrameBytes > TlvFrame.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes=" + maxFrameBytes + " is not in 0.." + TlvFrame.MAX_VALUE_BYTES);
        }
        Objects.requireNonNull(readOptions, "readOptions");
        Objects.requireNonNull(writeOptions, "writeOptions");
    }

    public ProtocolOptions withMaxFrameBytes(long value) {
        return new ProtocolOptions(value, readOptions, writeOptions);
    }

    public ProtocolOptions withReadOptions(IpcReadOptions value) {
        return new ProtocolOptions(maxFrameBytes, value, writeOptions);
    }

    public ProtocolOptions withWriteOptions(IpcWriteOptions value) {
        return new ProtocolOptions(maxFrameBytes, readOptions, value);
    }

    /** The read options of a table channel's decoder: the configured ones, capped at one frame. */
    IpcReadOptions tableReadOptions() {
        long metadata = Math.max(8, Math.min(readOptions.maxMetadataBytes(), maxFrameBytes));
        return readOptions.withMaxMetadataBytes(metadata)
                .withMaxBodyBytes(Math.min(readOptions.maxBodyBytes(), maxFrameBytes));
    }
}
