package dev.lightstream.ipc.internal;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.Bitmaps;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.ipc.CompressionCodec;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.ipc.UnsupportedIpcFeatureException;
import dev.lightstream.memory.Alignment;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.UnionMode;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;

/**
 * Encodes IPC messages as a list of buffers for one gathering write: the prefix and metadata in
 * one reused direct buffer, then every body buffer as a view of the array's own memory, each
 * followed by padding from a shared zero buffer. Nothing of the body is concatenated.
 *
 * <pre>
 * | 0xFFFFFFFF | metadata length | Message flatbuffer | zero padding | buffer 0 | pad | buffer 1 | pad | ...
 *                                  so that the body starts at a multiple of 64 in the output,
 *                                  and every buffer starts at a multiple of 64 of the body
 * </pre>
 *
 * <p>Sliced arrays are written as if they were not: bitmaps whose offset is not a multiple of 8
 * are shifted, offsets that do not start at 0 are rebased, only the child range the slice
 * references is written, and run ends are clipped. Those few buffers (and compressed ones) are
 * produced in a reused scratch block, valid until {@link #reset()}.
 *
 * <p>Not thread-safe.
 */
public final class MessageEncoder implements AutoCloseable {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(Alignment.BYTES).asReadOnlyBuffer();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final MemorySegment ZERO_OFFSET = MemorySegment.ofArray(new byte[8]).asReadOnly();

    /** The sizes of an encoded message: prefix and padded metadata, and body. */
    public record Encoded(int metadataBytes, long bodyBytes) {
        public long total() {
            return metadataBytes + bodyBytes;
        }
    }

    private final IpcWriteOptions options;
    private final Scratch scratch;
    private final FlatBufferBuilder builder = new FlatBufferBuilder(1024);
    private CompressionCodec codec;
    private ByteBuffer head = ByteBuffer.allocateDirect(1024).order(ByteOrder.LITTLE_ENDIAN);
    private long[] nodeLengths = new long[32];
    private long[] nodeNulls = new long[32];
    private int nodeCount;
    private MemorySegment[] buffers = new MemorySegment[64];
    private int bufferCount;
    private long[] variadic = new long[4];
    private int variadicCount;
    private long rangeStart;
    private long rangeEnd;

    public MessageEncoder(BufferAllocator allocator, IpcWriteOptions options) {
        this.options = options;
        this.scratch = new Scratch(allocator);
    }

    /** The end-of-stream marker: continuation and a zero length. */
    public static ByteBuffer endOfStream() {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(0).flip();
    }

    /** Makes the scratch memory of the previous messages reusable: call after writing them. */
    public void reset() {
        scratch.reset();
    }

    /** Encodes a Schema message to start at {@code position} of the output. */
    public Encoded schema(Schema schema, long position, List<ByteBuffer> out) {
        builder.clear();
        int header = SchemaWriter.write(builder, schema);
        return finish(MessageHeader.Schema, header, 0, position, out);
    }

    /** Encodes the footer table of a file into a new heap buffer (flatbuffer bytes only). */
    public ByteBuffer footer(Schema schema, long[] dictionaryBlocks, long[] batchBlocks) {
        builder.clear();
        int schemaOffset = SchemaWriter.write(builder, schema);
        int dictionaries = blockVector(dictionaryBlocks, true);
        int batches = blockVector(batchBlocks, false);
        org.apache.arrow.flatbuf.Footer.startFooter(builder);
        org.apache.arrow.flatbuf.Footer.addVersion(builder, MetadataVersion.V5);
        org.apache.arrow.flatbuf.Footer.addSchema(builder, schemaOffset);
        org.apache.arrow.flatbuf.Footer.addDictionaries(builder, dictionaries);
        org.apache.arrow.flatbuf.Footer.addRecordBatches(builder, batches);
        int footer = org.apache.arrow.flatbuf.Footer.endFooter(builder);
        builder.finish(footer);
        ByteBuffer data = builder.dataBuffer();
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        return copy;
    }

    private int blockVector(long[] blocks, boolean dictionaries) {
        int count = blocks.length / 3;
        if (dictionaries) {
            org.apache.arrow.flatbuf.Footer.startDictionariesVector(builder, count);
        } else {
            org.apache.arrow.flatbuf.Footer.startRecordBatchesVector(builder, count);
        }
        for (int i = count - 1; i >= 0; i--) {
            org.apache.arrow.flatbuf.Block.createBlock(builder, blocks[3 * i], (int) blocks[3 * i + 1], blocks[3 * i + 2]);
        }
        return builder.endVector();
    }

    /** Encodes a RecordBatch message of {@code columns} ({@code length} rows). */
    public Encoded recordBatch(List<ArrayData> columns, int length, long position, List<ByteBuffer> out)
            throws UnsupportedIpcFeatureException {
        collect(columns);
        long body = layoutBody();
        builder.clear();
        int header = batchTable(length, body);
        return finishWithBody(MessageHeader.RecordBatch, header, body, position, out);
    }

    /** Encodes a DictionaryBatch message of {@code values} for dictionary {@code id}. */
    public Encoded dictionary(long id, boolean delta, ArrayData values, long position, List<ByteBuffer> out)
            throws UnsupportedIpcFeatureException {
        collect(List.of(values));
        long body = layoutBody();
        builder.clear();
        int data = batchTable(values.length(), body);
        int header = org.apache.arrow.flatbuf.DictionaryBatch.createDictionaryBatch(builder, id, data, delta);
        return finishWithBody(MessageHeader.DictionaryBatch, header, body, position, out);
    }

    private void collect(List<ArrayData> columns) throws UnsupportedIpcFeatureException {
        nodeCount = 0;
        bufferCount = 0;
        variadicCount = 0;
        for (ArrayData column : columns) {
            append(column);
        }
        if (options.compression() != CompressionType.NONE) {
            compressAll();
        }
    }

    // ---- body layout ---------------------------------------------------------------------

    private long[] bufferOffsets = new long[64];

    private long layoutBody() {
        if (bufferOffsets.length < bufferCount) {
            bufferOffsets = new long[buffers.length];
        }
        long position = 0;
        for (int i = 0; i < bufferCount; i++) {
            bufferOffsets[i] = position;
            position += Alignment.pad(buffers[i].byteSize());
        }
        return position;
    }

    private int batchTable(int length, long bodyLength) {
        org.apache.arrow.flatbuf.RecordBatch.startNodesVector(builder, nodeCount);
        for (int i = nodeCount - 1; i >= 0; i--) {
            FieldNode.createFieldNode(builder, nodeLengths[i], nodeNulls[i]);
        }
        int nodes = builder.endVector();
        org.apache.arrow.flatbuf.RecordBatch.startBuffersVector(builder, bufferCount);
        for (int i = bufferCount - 1; i >= 0; i--) {
            Buffer.createBuffer(builder, bufferOffsets[i], buffers[i].byteSize());
        }
        int bufferVector = builder.endVector();
        int variadicVector = variadicCount == 0 ? 0
                : org.apache.arrow.flatbuf.RecordBatch.createVariadicBufferCountsVector(builder,
                        Arrays.copyOf(variadic, variadicCount));
        int compression = 0;
        if (options.compression() != CompressionType.NONE) {
            compression = org.apache.arrow.flatbuf.BodyCompression.createBodyCompression(builder,
                    (byte) options.compression().wireCode(), BodyCompressionMethod.BUFFER);
        }
        org.apache.arrow.flatbuf.RecordBatch.startRecordBatch(builder);
        org.apache.arrow.flatbuf.RecordBatch.addLength(builder, length);
        org.apache.arrow.flatbuf.RecordBatch.addNodes(builder, nodes);
        org.apache.arrow.flatbuf.RecordBatch.addBuffers(builder, bufferVector);
        if (compression != 0) {
            org.apache.arrow.flatbuf.RecordBatch.addCompression(builder, compression);
        }
        if (variadicVector != 0) {
            org.apache.arrow.flatbuf.RecordBatch.addVariadicBufferCounts(builder, variadicVector);
        }
        return org.apache.arrow.flatbuf.RecordBatch.endRecordBatch(builder);
    }

    private Encoded finishWithBody(byte headerType, int header, long bodyLength, long position, List<ByteBuffer> out) {
        Encoded encoded = finish(headerType, header, bodyLength, position, out);
        for (int i = 0; i < bufferCount; i++) {
            MemorySegment buffer = buffers[i];
            long size = buffer.byteSize();
            if (size == 0) {
                continue;
            }
            out.add(buffer.asByteBuffer());
            int pad = (int) (Alignment.pad(size) - size);
            if (pad > 0) {
                out.add(ZEROS.slice(0, pad));
            }
        }
        for (int i = 0; i < bufferCount; i++) {
            buffers[i] = null;
        }
        return encoded;
    }

    private Encoded finish(byte headerType, int header, long bodyLength, long position, List<ByteBuffer> out) {
        int message = Message.createMessage(builder, MetadataVersion.V5, headerType, header, bodyLength, 0);
        builder.finish(message);
        ByteBuffer flatbuffer = builder.dataBuffer();
        int length = flatbuffer.remaining();
        long end = position + 8 + length;
        int pad = (int) ((Alignment.BYTES - (end & (Alignment.BYTES - 1))) & (Alignment.BYTES - 1));
        int total = 8 + length + pad;
        if (head.capacity() < total) {
            head = ByteBuffer.allocateDirect(Math.max(total, head.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        head.clear();
        head.putInt(-1).putInt(length + pad).put(flatbuffer);
        for (int i = 0; i < pad; i++) {
            head.put((byte) 0);
        }
        head.flip();
        out.add(head);
        return new Encoded(total, bodyLength);
    }

    // ---- compression ---------------------------------------------------------------------

    private void compressAll() throws UnsupportedIpcFeatureException {
        if (codec == null) {
            codec = CompressionCodec.find(options.compression());
        }
        for (int i = 0; i < bufferCount; i++) {
            MemorySegment raw = buffers[i];
            long size = raw.byteSize();
            if (size == 0) {
                continue;
            }
            MemorySegment target = scratch.take(8 + codec.maxCompressedLength(size));
            long written = codec.compress(raw, target.asSlice(8), options.level());
            if (written >= size) {
                target = scratch.take(8 + size);
                target.set(LONG, 0, -1L);
                MemorySegment.copy(raw, 0, target, 8, size);
                buffers[i] = target;
            } else {
                target.set(LONG, 0, size);
                buffers[i] = target.asSlice(0, 8 + written);
            }
        }
    }

    // ---- arrays to nodes and buffers -------------------------------------------------------

    private void node(long length, long nulls) {
        if (nodeCount == nodeLengths.length) {
            nodeLengths = Arrays.copyOf(nodeLengths, nodeCount * 2);
            nodeNulls = Arrays.copyOf(nodeNulls, nodeCount * 2);
        }
        nodeLengths[nodeCount] = length;
        nodeNulls[nodeCount++] = nulls;
    }

    private void buffer(MemorySegment segment) {
        if (bufferCount == buffers.length) {
            buffers = Arrays.copyOf(buffers, bufferCount * 2);
        }
        buffers[bufferCount++] = segment;
    }

    private void append(ArrayData data) {
        DataType t = DictionaryIds.unwrap(data.type());
        if (t instanceof DataType.Dictionary d) {
            t = d.indexType();
        }
        int length = data.length();
        int offset = data.offset();
        switch (t) {
            case DataType.Null n -> node(length, length);
            case DataType.Bool b -> {
                validity(data);
                buffer(bits(data.buffer(1), offset, length));
            }
            case DataType.Binary b -> binary(data, 4);
            case DataType.Utf8 b -> binary(data, 4);
            case DataType.LargeBinary b -> binary(data, 8);
            case DataType.LargeUtf8 b -> binary(data, 8);
            case DataType.BinaryView b -> views(data);
            case DataType.Utf8View b -> views(data);
            case DataType.List l -> list(data, 4);
            case DataType.Map m -> list(data, 4);
            case DataType.LargeList l -> list(data, 8);
            case DataType.ListView l -> listView(data, 4);
            case DataType.LargeListView l -> listView(data, 8);
            case DataType.FixedSizeList l -> {
                validity(data);
                append(data.child(0).slice(Math.toIntExact((long) offset * l.listSize()),
                        Math.toIntExact((long) length * l.listSize())));
            }
            case DataType.Struct s -> {
                validity(data);
                for (ArrayData child : data.children()) {
                    append(child.slice(offset, length));
                }
            }
            case DataType.Union u -> {
                node(length, 0);
                buffer(data.buffer(0).asSlice(offset, length));
                if (u.mode() == UnionMode.SPARSE) {
                    for (ArrayData child : data.children()) {
                        append(child.slice(offset, length));
                    }
                } else {
                    buffer(data.buffer(1).asSlice(offset * 4L, length * 4L));
                    for (ArrayData child : data.children()) {
                        append(child);
                    }
                }
            }
            case DataType.RunEndEncoded r -> runEndEncoded(data, r);
            default -> {
                int width = FixedWidths.byteWidth(t);
                validity(data);
                buffer(data.buffer(1).asSlice((long) offset * width, (long) length * width));
            }
        }
    }

    /** The node of {@code data} and its validity buffer (empty when there are no nulls). */
    private void validity(ArrayData data) {
        int nulls = data.nullCount();
        node(data.length(), nulls);
        MemorySegment validity = data.validity();
        if (validity == null || nulls == 0) {
            buffer(MemorySegment.NULL);
        } else {
            buffer(bits(validity, data.offset(), data.length()));
        }
    }

    /** {@code length} bits from bit {@code offset}, shifted to start at bit 0 when needed. */
    private MemorySegment bits(MemorySegment bitmap, int offset, int length) {
        long bytes = (length + 7L) >>> 3;
        if ((offset & 7) == 0) {
            return bitmap.asSlice(offset >>> 3, bytes);
        }
        MemorySegment shifted = scratch.take(bytes);
        if (bytes > 0) {
            shifted.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 0);
        }
        Bitmaps.copy(bitmap, offset, shifted, 0, length);
        return shifted;
    }

    private static long offsetAt(MemorySegment offsets, int width, long i) {
        return width == 4 ? offsets.get(INT, i * 4) : offsets.get(LONG, i * 8);
    }

    /**
     * Emits the offsets of {@code data} rebased to start at 0, and sets {@link #rangeStart} and
     * {@link #rangeEnd} to the range they covered in the original.
     */
    private void offsets(ArrayData data, int width) {
        int length = data.length();
        int offset = data.offset();
        if (length == 0) {
            buffer(ZERO_OFFSET.asSlice(0, width));
            rangeStart = 0;
            rangeEnd = 0;
            return;
        }
        MemorySegment offsets = data.buffer(1);
        long first = offsetAt(offsets, width, offset);
        long last = offsetAt(offsets, width, (long) offset + length);
        if (first == 0) {
            buffer(offsets.asSlice((long) offset * width, (length + 1L) * width));
        } else {
            MemorySegment rebased = scratch.take((length + 1L) * width);
            for (long i = 0; i <= length; i++) {
                long value = offsetAt(offsets, width, offset + i) - first;
                if (width == 4) {
                    rebased.set(INT, i * 4, (int) value);
                } else {
                    rebased.set(LONG, i * 8, value);
                }
            }
            buffer(rebased);
        }
        rangeStart = first;
        rangeEnd = last;
    }

    private void binary(ArrayData data, int width) {
        validity(data);
        offsets(data, width);
        buffer(data.buffer(2).asSlice(rangeStart, rangeEnd - rangeStart));
    }

    private void list(ArrayData data, int width) {
        validity(data);
        offsets(data, width);
        append(data.child(0).slice(Math.toIntExact(rangeStart), Math.toIntExact(rangeEnd - rangeStart)));
    }

    private void listView(ArrayData data, int width) {
        validity(data);
        buffer(data.buffer(1).asSlice((long) data.offset() * width, (long) data.length() * width));
        buffer(data.buffer(2).asSlice((long) data.offset() * width, (long) data.length() * width));
        append(data.child(0));
    }

    private void views(ArrayData data) {
        validity(data);
        buffer(data.buffer(1).asSlice(data.offset() * 16L, data.length() * 16L));
        int count = data.bufferCount() - 2;
        for (int i = 0; i < count; i++) {
            buffer(data.buffer(2 + i));
        }
        if (variadicCount == variadic.length) {
            variadic = Arrays.copyOf(variadic, variadicCount * 2);
        }
        variadic[variadicCount++] = count;
    }

    private void runEndEncoded(ArrayData data, DataType.RunEndEncoded r) {
        int length = data.length();
        node(length, 0);
        ArrayData runEnds = data.child(0);
        ArrayData values = data.child(1);
        if (length == 0) {
            append(runEnds.slice(0, 0));
            append(values.slice(0, 0));
            return;
        }
        // As the storage type: an extension over run-end encoding would make an ExtensionArray.
        RunEndEncodedArray array = (RunEndEncodedArray) Array.of(data.withType(r));
        int first = array.physicalIndex(0);
        int end = array.physicalIndex(length - 1) + 1;
        int width = ((DataType.Int) r.runEnds().type()).byteWidth();
        MemorySegment ends = runEnds.buffer(1);
        long base = runEnds.offset();
        MemorySegment clipped = scratch.take((long) (end - first) * width);
        for (int i = first; i < end; i++) {
            long value = switch (width) {
                case 2 -> ends.get(SHORT, (base + i) * 2);
                case 4 -> ends.get(INT, (base + i) * 4);
                default -> ends.get(LONG, (base + i) * 8);
            };
            long v = Math.min(value - data.offset(), length);
            long at = (long) (i - first) * width;
            switch (width) {
                case 2 -> clipped.set(SHORT, at, (short) v);
                case 4 -> clipped.set(INT, at, (int) v);
                default -> clipped.set(LONG, at, v);
            }
        }
        append(new ArrayData(runEnds.type(), end - first, 0, 0, new MemorySegment[] {null, clipped}, List.of(), null));
        append(values.slice(first, end - first));
    }

    @Override
    public void close() {
        scratch.close();
    }
}
