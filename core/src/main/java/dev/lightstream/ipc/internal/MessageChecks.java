package dev.lightstream.ipc.internal;

import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.UnsupportedIpcFeatureException;
import java.nio.ByteBuffer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;

/**
 * Parses the flatbuffer {@code Message} at the head of an encapsulated message and checks what
 * the framing needs before any allocation: the metadata version, the header type and the body
 * length. Holds one reusable {@link Message} accessor.
 */
public final class MessageChecks {
    private final Message message = new Message();

    /**
     * Parses {@code metadata} (position to limit) and returns the checked body length;
     * {@code where} names the message in errors ("message 3", "record batch block 2").
     *
     * @throws UnsupportedIpcFeatureException for metadata versions other than V4 and V5
     * @throws FrameTooLargeException for a body over {@link IpcReadOptions#maxBodyBytes()}
     * @throws InvalidIpcException for a malformed flatbuffer or a negative body length
     */
    public long bodyLength(ByteBuffer metadata, String where, IpcReadOptions options) throws java.io.IOException {
        long length = declaredBodyLength(metadata, where);
        if (length > options.maxBodyBytes()) {
            throw new FrameTooLargeException(where + " body", length, options.maxBodyBytes());
        }
        return length;
    }

    /**
     * Like {@link #bodyLength}, without the maximum: for a reader that allocates nothing for the
     * body (a memory-mapped file, where the body must lie inside the file instead).
     */
    public long declaredBodyLength(ByteBuffer metadata, String where) throws InvalidIpcException {
        Message m = parse(metadata, where);
        long length;
        try {
            length = m.bodyLength();
        } catch (RuntimeException e) {
            throw new InvalidIpcException(where + ": malformed Message flatbuffer: " + e, e);
        }
        if (length < 0) {
            throw new InvalidIpcException(where + ": body length " + length + " is negative");
        }
        return length;
    }

    /**
     * The {@code Message} in {@code metadata}, its version and header type checked. The returned
     * accessor is reused by the next call.
     */
    public Message parse(ByteBuffer metadata, String where) throws InvalidIpcException {
        short version;
        byte header;
        try {
            if (metadata.remaining() < 8) {
                throw new InvalidIpcException(where + ": metadata of " + metadata.remaining()
                        + " bytes is too short for a Message flatbuffer");
            }
            ByteBuffer bb = metadata.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            Message.getRootAsMessage(bb, message);
            version = message.version();
            header = message.headerType();
        } catch (InvalidIpcException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidIpcException(where + ": malformed Message flatbuffer: " + e, e);
        }
        checkVersion(version, where);
        if (header == MessageHeader.Tensor || header == MessageHeader.SparseTensor) {
            throw new UnsupportedIpcFeatureException(where + ": "
                    + (header == MessageHeader.Tensor ? "Tensor" : "SparseTensor") + " messages are not supported");
        }
        if (header != MessageHeader.Schema && header != MessageHeader.DictionaryBatch
                && header != MessageHeader.RecordBatch) {
            throw new InvalidIpcException(where + ": unknown message header type " + header);
        }
        return message;
    }

    /** Refuses versions other than V4 and V5. */
    public static void checkVersion(short version, String where) throws UnsupportedIpcFeatureException {
        if (version == MetadataVersion.V4 || version == MetadataVersion.V5) {
            return;
        }
        if (version >= MetadataVersion.V1 && version < MetadataVersion.V4) {
            throw new UnsupportedIpcFeatureException(where + ": metadata version V" + (version + 1)
                    + " (before Arrow 0.8) is not supported; V4 and V5 are");
        }
        // The enum counts from 0 (V1 is 0): say both, or "version 5" reads as if V5 were refused.
        String name = version > 0 ? "V" + (version + 1) + "; " : "";
        throw new UnsupportedIpcFeatureException(where + ": unknown metadata version " + version + " (" + name
                + "this reader knows V4 and V5, the data was written by a newer Arrow format)");
    }
}
