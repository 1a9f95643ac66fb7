package dev.lightstream.ipc;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.internal.FileFooter;
import dev.lightstream.ipc.internal.FileFormat;
import dev.lightstream.ipc.internal.MessageChecks;
import dev.lightstream.ipc.internal.ReaderCore;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Schema;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * A reader of the Arrow IPC file format with random access to its record batches.
 *
 * <pre>
 * +--------+--------+------------------------------+--------+------------------+--------+
 * | ARROW1 | 2 pad  | stream: schema, dictionaries,| Footer | footer length    | ARROW1 |
 * |        | bytes  | batches (end marker optional)|        | (int32 LE)       |        |
 * +--------+--------+------------------------------+--------+------------------+--------+
 * </pre>
 *
 * <p>Opening reads the magic at both ends, the footer (schema and the blocks of every
 * dictionary and record batch, each checked to lie inside the file) and the dictionaries.
 * {@link #batch(int)} then reads one batch with positional reads into a 64-byte-aligned body
 * block; its arrays are slices of that block.
 *
 * {@snippet :
 * try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
 *     for (int i = 0; i < reader.batchCount(); i++) {
 *         try (RecordBatch batch = reader.batch(i)) {
 *             System.out.println(batch.rowCount());
 *         }
 *     }
 * }
 * }
 *
 * <p>Not thread-safe.
 */
public final class ArrowFileReader implements AutoCloseable {
    private final SeekableByteChannel channel;
    private final BufferAllocator allocator;
    private final IpcReadOptions options;
    private final ReaderCore core;
    private final MessageChecks checks = new MessageChecks();
    private final long fileSize;
    private final long dataEnd;
    private final long[] batchBlocks;
    private final Map<String, String> footerMetadata;
    private ByteBuffer metadata = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
    private long declaredBodyLength;
    private boolean closed;

    /** Opens {@code path} with the default limits. */
    public ArrowFileReader(Path path, BufferAllocator allocator) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.READ), allocator, IpcReadOptions.DEFAULT);
    }

    public ArrowFileReader(Path path, BufferAllocator allocator, IpcReadOptions options) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.READ), allocator, options);
    }

    /** A reader over {@code channel}, which it closes when closed (or when opening fails). */
    public ArrowFileReader(SeekableByteChannel channel, BufferAllocator allocator, IpcReadOptions options)
            throws IOException {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.options = Objects.requireNonNull(options, "options");
        this.core = new ReaderCore(allocator, options);
        try {
            this.fileSize = channel.size();
            int footerLength = readTrailer();
            this.dataEnd = fileSize - FileFormat.TRAILER_BYTES - footerLength;
            ByteBuffer footerBytes = ByteBuffer.allocate(footerLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(footerBytes, dataEnd);
            FileFooter footer = FileFooter.read(footerBytes.flip(), dataEnd, core);
            long[] dictionaryBlocks = footer.dictionaryBlocks();
            this.batchBlocks = footer.batchBlocks();
            this.footerMetadata = footer.metadata();
            for (int i = 0; i < dictionaryBlocks.length / 3; i++) {
                readMessage(dictionaryBlocks, i, "dictionary block " + i, MessageHeader.DictionaryBatch);
            }
        } catch (IOException | RuntimeException e) {
            close();
            if (e instanceof RuntimeException r && !(e instanceof IllegalStateException)) {
                throw new InvalidIpcException("cannot open the Arrow file: " + r, r);
            }
            throw e;
        }
    }

    private int readTrailer() throws IOException {
        FileFooter.checkSize(fileSize);
        ByteBuffer head = ByteBuffer.allocate(FileFormat.MAGIC.length);
        readFully(head, 0);
        if (!FileFormat.isMagic(head.flip())) {
            throw new InvalidIpcException("not an Arrow file: the first 6 bytes are not ARROW1");
        }
        ByteBuffer tail = ByteBuffer.allocate(FileFormat.TRAILER_BYTES);
        readFully(tail, fileSize - FileFormat.TRAILER_BYTES);
        return FileFooter.footerLength(tail.flip(), fileSize, options);
    }

    /**
     * Reads and parses the metadata of block {@code i}, checking its header type; the body length
     * it declares is left in {@link #declaredBodyLength}. The returned accessor is reused.
     */
    private Message readMetadata(long[] blocks, int i, String where, byte expected) throws IOException {
        long offset = blocks[3 * i];
        long blockMeta = blocks[3 * i + 1];
        long blockBody = blocks[3 * i + 2];
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(prefix, offset);
        int first = prefix.getInt(0);
        int headerBytes = first == -1 ? 8 : 4;
        int length = first == -1 ? prefix.getInt(4) : first;
        if (length <= 0 || headerBytes + (long) length > blockMeta) {
            throw new InvalidIpcException(where + ": metadata length " + length + " does not fit the block's "
                    + blockMeta + " bytes");
        }
        if (length > options.maxMetadataBytes()) {
            throw new FrameTooLargeException(where + " metadata", length, options.maxMetadataBytes());
        }
        if (metadata.capacity() < length) {
            metadata = ByteBuffer.allocate(Math.max(length, metadata.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        metadata.clear().limit(length);
        readFully(metadata, offset + headerBytes);
        metadata.flip();
        long bodyLength = checks.bodyLength(metadata, where, options);
        Message message = checks.parse(metadata, where);
        if (message.headerType() != expected) {
            throw new InvalidIpcException(where + ": expected a " + MessageHeader.name(expected) + " message, found "
                    + MessageHeader.name(message.headerType()));
        }
        if (bodyLength > blockBody) {
            throw new InvalidIpcException(where + ": body length " + bodyLength + " exceeds the block's " + blockBody);
        }
        declaredBodyLength = bodyLength;
        return message;
    }

    private Object readMessage(long[] blocks, int i, String where, byte expected) throws IOException {
        Message message = readMetadata(blocks, i, where, expected);
        long bodyLength = declaredBodyLength;
        long bodyStart = blocks[3 * i] + blocks[3 * i + 1];
        MemoryBlock body = null;
        try {
            if (bodyLength > 0) {
                try {
                    body = allocator.allocateUninitialized(bodyLength);
                } catch (AllocationLimitException e) {
                    throw new IOException(where + ": cannot allocate a body of " + bodyLength + " bytes: " + e.getMessage(), e);
                }
                readFully(body.segment().asSlice(0, bodyLength).asByteBuffer(), bodyStart);
            }
            if (expected == MessageHeader.DictionaryBatch) {
                core.readDictionary(message, body, bodyLength, where, true);
                return null;
            }
            return core.readBatch(message, body, bodyLength, where);
        } finally {
            if (body != null) {
                body.release();
            }
        }
    }

    private void readFully(ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n;
            if (channel instanceof FileChannel file) {
                n = file.read(target, at);
            } else {
                channel.position(at);
                n = channel.read(target);
            }
            if (n < 0) {
                throw new EOFException("the file ended at " + at + " while reading " + target.remaining() + " more bytes");
            }
            at += n;
        }
    }

    /** The file's schema. */
    public Schema schema() {
        checkOpen();
        return core.schema();
    }

    /** The number of record batches. */
    public int batchCount() {
        checkOpen();
        return batchBlocks.length / 3;
    }

    /**
     * The number of rows of record batch {@code index}, read from its message metadata alone:
     * the body is not read, so counting the rows of a file costs one small read per batch.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0..batchCount()-1}
     * @throws InvalidIpcException if the metadata is malformed or the count is outside {@code 0..2^31-1}
     */
    public int batchRowCount(int index) throws IOException {
        checkOpen();
        java.util.Objects.checkIndex(index, batchCount());
        String where = "record batch " + index;
        try {
            Message message = readMetadata(batchBlocks, index, where, MessageHeader.RecordBatch);
            var header = (org.apache.arrow.flatbuf.RecordBatch) message.header(new org.apache.arrow.flatbuf.RecordBatch());
            if (header == null) {
                throw new InvalidIpcException(where + ": record batch message without a header");
            }
            long rows = header.length();
            if (rows < 0 || rows > Integer.MAX_VALUE) {
                throw new InvalidIpcException(where + ": record batch length " + rows + " is outside 0.." + Integer.MAX_VALUE);
            }
            return (int) rows;
        } catch (RuntimeException e) {
            throw new InvalidIpcException(where + ": " + e, e);
        }
    }

    /**
     * Reads record batch {@code index}. The caller owns it and must close it.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0..batchCount()-1}
     */
    public RecordBatch batch(int index) throws IOException {
        checkOpen();
        java.util.Objects.checkIndex(index, batchCount());
        try {
            return (RecordBatch) readMessage(batchBlocks, index, "record batch " + index, MessageHeader.RecordBatch);
        } catch (RuntimeException e) {
            throw new InvalidIpcException("record batch " + index + ": " + e, e);
        }
    }

    /** The dictionaries of the file by id, valid while this reader is open. */
    public Map<Long, Array> dictionaries() {
        checkOpen();
        Map<Long, Array> map = new LinkedHashMap<>();
        for (Map.Entry<Long, ArrayData> e : core.dictionaries().entrySet()) {
            map.put(e.getKey(), Array.of(e.getValue()));
        }
        return map;
    }

    /** The custom metadata of the footer. */
    public Map<String, String> footerMetadata() {
        return footerMetadata;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
    }

    /** Releases the dictionaries and closes the channel. Batches already read stay valid. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            core.close();
            channel.close();
        }
    }
}
