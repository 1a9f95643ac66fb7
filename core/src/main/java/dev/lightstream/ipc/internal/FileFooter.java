package dev.lightstream.ipc.internal;

import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Footer;

/**
 * The footer of an Arrow IPC file, read and checked: the blocks (offset, metadata length, body
 * length) of its dictionaries and record batches, each inside the data of the file, and its custom
 * metadata. The schema goes into the {@link ReaderCore} given to {@link #read}.
 *
 * <p>What the file readers share, whether they read the file through a channel or map it.
 *
 * @param dictionaryBlocks {offset, metadataLength, bodyLength} triples, one per dictionary block
 * @param batchBlocks the same for the record batches
 * @param metadata the footer's custom metadata
 */
public record FileFooter(long[] dictionaryBlocks, long[] batchBlocks, Map<String, String> metadata) {
    /** A {@code Block} struct takes 24 bytes of the footer: a larger count is forged. */
    private static final int BLOCK_BYTES = 24;

    /**
     * Checks the last {@link FileFormat#TRAILER_BYTES} of a file ({@code tail}, positioned at
     * them) and returns the footer length they declare.
     */
    public static int footerLength(ByteBuffer tail, long fileSize, IpcReadOptions options) throws IOException {
        int footerLength = tail.order(ByteOrder.LITTLE_ENDIAN).getInt(tail.position());
        if (!FileFormat.isMagic(tail.duplicate().position(tail.position() + 4))) {
            throw new InvalidIpcException("the file does not end with ARROW1 (truncated, or not an Arrow file)");
        }
        long room = fileSize - FileFormat.TRAILER_BYTES - FileFormat.HEADER_BYTES;
        if (footerLength <= 0 || footerLength > room) {
            throw new InvalidIpcException("footer length " + footerLength + " is outside 1.." + room
                    + " for a file of " + fileSize + " bytes");
        }
        if (footerLength > options.maxMetadataBytes()) {
            throw new FrameTooLargeException("file footer", footerLength, options.maxMetadataBytes());
        }
        return footerLength;
    }

    /** Refuses a file too short to be an Arrow file. */
    public static void checkSize(long fileSize) throws InvalidIpcException {
        if (fileSize < FileFormat.MIN_FILE_BYTES) {
            throw new InvalidIpcException("file of " + fileSize + " bytes is too short for an Arrow file (at least "
                    + FileFormat.MIN_FILE_BYTES + ")");
        }
    }

    /**
     * Parses the footer flatbuffer in {@code footerBytes} (position to limit), whose data part of
     * the file ends at {@code dataEnd}, and installs its schema in {@code core}.
     */
    public static FileFooter read(ByteBuffer footerBytes, long dataEnd, ReaderCore core) throws IOException {
        int footerLength = footerBytes.remaining();
        try {
            Footer footer = Footer.getRootAsFooter(footerBytes.slice().order(ByteOrder.LITTLE_ENDIAN));
            MessageChecks.checkVersion(footer.version(), "file footer");
            core.readSchema(footer.schema(), "file footer");
            long[] dictionaries = blocks(footer, footer.dictionariesLength(), true, footerLength, dataEnd);
            long[] batches = blocks(footer, footer.recordBatchesLength(), false, footerLength, dataEnd);
            Map<String, String> custom = new LinkedHashMap<>();
            for (int i = 0; i < footer.customMetadataLength(); i++) {
                var kv = footer.customMetadata(i);
                custom.put(kv.key(), kv.value());
            }
            return new FileFooter(dictionaries, batches, Map.copyOf(custom));
        } catch (RuntimeException e) {
            throw new InvalidIpcException("file footer: malformed flatbuffer: " + e, e);
        }
    }

    private static long[] blocks(Footer footer, int count, boolean dictionaries, int footerLength, long dataEnd)
            throws InvalidIpcException {
        String what = dictionaries ? "dictionary block" : "record batch block";
        if (count < 0 || (long) count * BLOCK_BYTES > footerLength) {
            throw new InvalidIpcException("file footer declares " + count + " " + what + "s in " + footerLength + " bytes");
        }
        long[] blocks = new long[count * 3];
        Block block = new Block();
        for (int i = 0; i < count; i++) {
            if (dictionaries) {
                footer.dictionaries(block, i);
            } else {
                footer.recordBatches(block, i);
            }
            long offset = block.offset();
            long meta = block.metaDataLength();
            long body = block.bodyLength();
            if (offset < FileFormat.HEADER_BYTES || meta < 8 || body < 0 || offset > dataEnd || meta > dataEnd - offset
                    || body > dataEnd - offset - meta) {
                throw new InvalidIpcException(what + " " + i + " (offset=" + offset + " metaDataLength=" + meta
                        + " bodyLength=" + body + ") is outside the data of the file (" + dataEnd + " bytes)");
            }
            blocks[3 * i] = offset;
            blocks[3 * i + 1] = meta;
            blocks[3 * i + 2] = body;
        }
        return blocks;
    }
}
