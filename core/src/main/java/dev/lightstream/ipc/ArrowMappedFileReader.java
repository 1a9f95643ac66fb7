package dev.lightstream.ipc;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.internal.FileFooter;
import dev.lightstream.ipc.internal.FileFormat;
import dev.lightstream.ipc.internal.MessageChecks;
import dev.lightstream.ipc.internal.ReaderCore;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * A reader of the Arrow IPC file format that maps the file into memory and hands out record
 * batches whose buffers are views of the mapping: nothing is copied and no data page is read
 * until the caller touches it.
 *
 * <p>Opening maps the whole file read-only ({@link FileChannel#map(FileChannel.MapMode, long, long, Arena)}
 * into a shared {@link Arena} the reader owns, so files beyond 2 GiB work), checks the magic at
 * both ends, parses the footer and loads the dictionaries. {@link #batch(int)} then parses only
 * that batch's metadata: its cost depends on the number of columns, not of rows, and it never
 * touches a value page of a fixed-width column.
 *
 * {@snippet :
 * try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(path, allocator);
 *      RecordBatch batch = reader.batch(reader.batchCount() - 1)) {   // random access by the footer
 *     Int64Array ids = (Int64Array) batch.column("id");
 *     long sum = 0;
 *     for (int i = 0; i < batch.rowCount(); i++) {
 *         sum += ids.get(i);                                         // pages are read here
 *     }
 * }
 * }
 *
 * <h2>When buffers are copied</h2>
 * Any valid IPC file is read, not only Lightstream's 64-byte-aligned ones:
 * <ul>
 *   <li>A buffer whose address is not a multiple of its value width (see the package
 *       documentation) is copied into an aligned block of the allocator, and only that buffer.
 *       Files written with 8-byte alignment, as Arrow Java and Arrow C++ do, need no copy.</li>
 *   <li>Compressed batches are decompressed, buffer by buffer, into an allocator block when the
 *       batch is obtained.</li>
 *   <li>Big-endian files: every buffer of a multi-byte type is copied, then swapped (the mapping
 *       is read-only).</li>
 *   <li>Delta dictionaries are concatenated into allocator blocks, as by the other readers.</li>
 * </ul>
 * Those blocks belong to the batch (or to the reader, for dictionaries) and are released when it
 * closes.
 *
 * <h2>Validation</h2>
 * Every block of the footer, message and buffer is checked to lie inside the file, and every
 * buffer to be long enough for its field node (constant work per column). Contents (offsets,
 * union type ids, dictionary indices, run ends) are checked as by the other readers unless
 * {@link IpcReadOptions#validateContents()} is off: those checks read offset, type-id and index
 * pages, never the values of fixed-width columns. Turn them off for trusted files whose batches
 * should open in constant time. {@link IpcReadOptions#maxBodyBytes()} limits decompressed bodies
 * only: a mapped body costs no memory.
 *
 * <h2>Lifetime</h2>
 * The mapping lives until the reader is closed. Closing it also closes every batch it handed out
 * that is still open: afterwards the batches throw {@link IllegalStateException} from their
 * accessors and arrays taken from them throw it when they read mapped memory, never crashing the
 * JVM. (A buffer that was copied into an allocator block follows that allocator's rules instead.)
 * Not thread-safe, though batches may be read from any thread while the reader is open.
 */
public final class ArrowMappedFileReader implements AutoCloseable {
    /** Closed batches are dropped from the list of open ones once it holds this many. */
    private static final int PRUNE_THRESHOLD = 64;
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final MemorySegment file;
    private final IpcReadOptions options;
    private final ReaderCore core;
    private final MessageChecks checks = new MessageChecks();
    private final long[] batchBlocks;
    private final Map<String, String> footerMetadata;
    private final List<RecordBatch> open = new ArrayList<>();
    private boolean closed;

    private ArrowMappedFileReader(Arena arena, MemorySegment file, BufferAllocator allocator, IpcReadOptions options)
            throws IOException {
        this.arena = arena;
        this.file = file;
        this.options = options;
        this.core = new ReaderCore(allocator, options);
        try {
            long size = file.byteSize();
            if (!FileFormat.isMagic(file.asSlice(0, FileFormat.MAGIC.length).asByteBuffer())) {
                throw new InvalidIpcException("not an Arrow file: the first 6 bytes are not ARROW1");
            }
            int footerLength = FileFooter.footerLength(
                    file.asSlice(size - FileFormat.TRAILER_BYTES, FileFormat.TRAILER_BYTES).asByteBuffer(), size, options);
            long dataEnd = size - FileFormat.TRAILER_BYTES - footerLength;
            FileFooter footer = FileFooter.read(file.asSlice(dataEnd, footerLength).asByteBuffer(), dataEnd, core);
            this.batchBlocks = footer.batchBlocks();
            this.footerMetadata = footer.metadata();
            long[] dictionaries = footer.dictionaryBlocks();
            for (int i = 0; i < dictionaries.length / 3; i++) {
                readMessage(dictionaries, i, "dictionary block " + i, MessageHeader.DictionaryBatch);
            }
        } catch (IOException | RuntimeException e) {
            core.close(); // the dictionaries loaded so far
            throw e;
        }
    }

    /** Maps {@code path} with the default limits and content validation on. */
    public static ArrowMappedFileReader open(Path path, BufferAllocator allocator) throws IOException {
        return open(path, allocator, IpcReadOptions.DEFAULT);
    }

    /**
     * Maps {@code path}. The allocator provides memory only for what must be copied (see the class
     * documentation).
     *
     * @throws InvalidIpcException if the file is not a valid Arrow file (or one of its dictionaries
     *     is invalid)
     * @throws IOException if the file cannot be opened or mapped
     */
    public static ArrowMappedFileReader open(Path path, BufferAllocator allocator, IpcReadOptions options)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            FileFooter.checkSize(size);
            // The mapping outlives the channel: closing the channel does not unmap.
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new ArrowMappedFileReader(arena, file, allocator, options);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            if (e instanceof RuntimeException r && !(e instanceof IllegalStateException)) {
                throw new InvalidIpcException("cannot open the Arrow file " + path + ": " + r, r);
            }
            throw e;
        }
    }

    private Object readMessage(long[] blocks, int i, String where, byte expected) throws IOException {
        long offset = blocks[3 * i];
        long blockMeta = blocks[3 * i + 1];
        long blockBody = blocks[3 * i + 2];
        // The footer check put the block inside the file, and blockMeta >= 8.
        int first = file.get(LE_INT, offset);
        int headerBytes = first == -1 ? 8 : 4;
        int length = first == -1 ? file.get(LE_INT, offset + 4) : first;
        if (length <= 0 || headerBytes + (long) length > blockMeta) {
            throw new InvalidIpcException(where + ": metadata length " + length + " does not fit the block's "
                    + blockMeta + " bytes");
        }
        if (length > options.maxMetadataBytes()) {
            throw new FrameTooLargeException(where + " metadata", length, options.maxMetadataBytes());
        }
        ByteBuffer metadata = file.asSlice(offset + headerBytes, length).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long bodyLength = checks.declaredBodyLength(metadata, where);
        Message message = checks.parse(metadata, where);
        if (message.headerType() != expected) {
            throw new InvalidIpcException(where + ": expected a " + MessageHeader.name(expected) + " message, found "
                    + MessageHeader.name(message.headerType()));
        }
        if (bodyLength > blockBody) {
            throw new InvalidIpcException(where + ": body length " + bodyLength + " exceeds the block's " + blockBody);
        }
        MemorySegment body = file.asSlice(offset + blockMeta, bodyLength);
        if (expected == MessageHeader.DictionaryBatch) {
            core.readDictionary(message, body, null, where, true);
            return null;
        }
        return core.readBatch(message, body, null, where);
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

    /** The size of the mapped file in bytes. */
    public long fileSize() {
        checkOpen();
        return file.byteSize();
    }

    /**
     * Record batch {@code index}, its buffers views of the mapping. The caller should close it (that
     * releases what was copied for it); the reader closes it at the latest.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0..batchCount()-1}
     * @throws InvalidIpcException if the batch is malformed
     */
    public RecordBatch batch(int index) throws IOException {
        checkOpen();
        Objects.checkIndex(index, batchCount());
        RecordBatch batch;
        try {
            batch = (RecordBatch) readMessage(batchBlocks, index, "record batch " + index, MessageHeader.RecordBatch);
        } catch (RuntimeException e) {
            throw new InvalidIpcException("record batch " + index + ": " + e, e);
        }
        if (open.size() >= PRUNE_THRESHOLD) {
            open.removeIf(RecordBatch::isClosed);
        }
        open.add(batch);
        return batch;
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

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
    }

    /**
     * Closes the batches still open, releases the dictionaries and unmaps the file. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RecordBatch batch : open) {
            batch.close();
        }
        open.clear();
        core.close();
        arena.close();
    }
}
