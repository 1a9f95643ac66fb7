package dev.lightstream.ipc.internal;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayValidator;
import dev.lightstream.array.InvalidArrayException;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.CompressionCodec;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.Alignment;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.UnionMode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Turns the {@code RecordBatch} flatbuffer of a record batch or dictionary batch and its body into
 * {@link ArrayData}: the zero-copy heart of the readers.
 *
 * <p>Two walks over the fields: the first lists the kind of every buffer the schema implies (and
 * checks the field node and buffer counts against the message); the buffers are then resolved to
 * segments (slices of the body; decompressed into one new block; or, for buffers misaligned for
 * their values, copied into one new block) and byte-swapped if the data is big-endian; the second
 * walk builds the arrays, checking every buffer's size against the field node's length (always:
 * these checks cost O(1) per buffer); then, unless {@link IpcReadOptions#validateContents()} is
 * off, every column goes through {@link ArrayValidator}, which reads the contents (O(n)).
 * Dictionaries in use are not validated again with each batch: each was validated when its
 * dictionary batch was loaded, and a delta's concatenation of two valid arrays is valid.
 *
 * <p>Not thread-safe: one loader per reader, reused for every message so that its scratch arrays
 * are allocated once.
 */
public final class BatchLoader {
    /** Eight zero bytes: the offsets of an empty array whose writer sent no offsets buffer. */
    private static final MemorySegment ZERO_OFFSETS = MemorySegment.ofArray(new byte[8]).asReadOnly();
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Arrays loaded from one message, with the blocks that hold them (one reference each). */
    public record Loaded(int length, List<ArrayData> columns, List<MemoryBlock> blocks) {}

    private final BufferAllocator allocator;
    private final IpcReadOptions options;
    private final ArrayValidator validator;
    private final FieldNode node = new FieldNode();
    private final Buffer buffer = new Buffer();
    private int[] kinds = new int[64];
    private long[] offsets = new long[64];
    private long[] lengths = new long[64];
    private MemorySegment[] segments = new MemorySegment[64];
    private long[] variadic = new long[8];

    // Per message.
    private RecordBatch batch;
    private int kindCount;
    private int nodeCount;
    private int variadicCount;
    private int variadicIndex;
    private int nodeIndex;
    private int bufferIndex;
    private boolean v4;
    private String where;
    private DictionaryTable dictionaries;
    private List<DictionaryTable.Entry> used;
    private List<MemoryBlock> blocks;
    /** The names of the fields being walked: the path, built into a string only for errors. */
    private final ArrayList<String> names = new ArrayList<>();

    public BatchLoader(BufferAllocator allocator, IpcReadOptions options) {
        this.allocator = allocator;
        this.options = options;
        // The schema reader bounded the nesting already; dictionaries are not descended into.
        this.validator = ArrayValidator.defaults().withDictionaryContents(false)
                .withMaxDepth(options.maxNestingDepth() + 1);
    }

    /**
     * Loads the arrays of {@code fields} from one message whose body is {@code body}, a segment
     * that someone else keeps alive (a memory-mapped file) or that {@code owner} holds.
     *
     * <p>A read-only body (a mapping) is never written: big-endian buffers that need swapping are
     * copied into an allocator block first, like misaligned ones. Nothing here reads the value
     * bytes of a fixed-width buffer, so a mapped body's pages stay untouched unless content
     * checks need them (offsets, type ids, indices, run ends).
     *
     * @param owner the block holding {@code body}, retained if the arrays use it, or null
     * @param version the message's metadata version (V4 unions carry a validity bitmap)
     * @param where the message, for error messages ("message 3 (record batch)")
     * @param paths the field paths of {@code fields} for error messages, or null to use their names
     */
    public Loaded load(List<Field> fields, RecordBatch batch, MemorySegment body, MemoryBlock owner, boolean bigEndian,
            short version, DictionaryTable dictionaries, String where, List<String> paths) throws IOException {
        long bodyLength = body.byteSize();
        this.batch = batch;
        this.v4 = version < MetadataVersion.V5;
        this.where = where;
        this.dictionaries = dictionaries;
        this.used = new ArrayList<>(2);
        this.blocks = new ArrayList<>(2);
        this.names.clear();
        try {
            long rows = batch.length();
            if (rows < 0 || rows > Integer.MAX_VALUE) {
                throw new InvalidIpcException(where + ": record batch length " + rows + " is outside 0.." + Integer.MAX_VALUE);
            }
            plan(fields);
            readBuffers(bodyLength);
            resolve(body, owner, bigEndian && body.isReadOnly());
            if (bigEndian) {
                for (int i = 0; i < kindCount; i++) {
                    if (segments[i].byteSize() > 0) {
                        ByteOrderSwap.swap(segments[i], kinds[i]);
                    }
                }
            }
            nodeIndex = 0;
            bufferIndex = 0;
            variadicIndex = 0;
            List<ArrayData> columns = new ArrayList<>(fields.size());
            for (Field field : fields) {
                ArrayData column = build(field);
                if (column.length() != rows) {
                    throw new InvalidIpcException(where + ": column '" + field.name() + "' has length " + column.length()
                            + " but the record batch has " + rows + " rows");
                }
                columns.add(column);
            }
            if (options.validateContents()) {
                validate(fields, columns, paths);
            }
            for (DictionaryTable.Entry entry : used) {
                entry.retainInto(blocks);
            }
            List<MemoryBlock> owned = blocks;
            blocks = null;
            return new Loaded((int) rows, columns, owned);
        } catch (IOException e) {
            releaseAll();
            throw e;
        } catch (RuntimeException e) {
            releaseAll();
            throw new InvalidIpcException(where + ": malformed record batch: " + e, e);
        } finally {
            this.batch = null;
            this.dictionaries = null;
            this.used = null;
            for (int i = 0; i < kindCount; i++) {
                segments[i] = null;
            }
        }
    }

    /**
     * Validates the contents of {@code data} (when the options ask for it), as if loaded from
     * {@code where}: for arrays the reader makes of loaded ones, such as a dictionary joined to
     * its delta. Dictionaries it uses are taken as valid; their indices are checked.
     */
    public void validate(String where, String path, ArrayData data) throws InvalidIpcException {
        if (!options.validateContents()) {
            return;
        }
        try {
            validator.validate(path, data);
        } catch (InvalidArrayException e) {
            throw new InvalidIpcException(where + ": " + e.getMessage(), e);
        }
    }

    /** Validates the contents of every column; errors name the message and the field path. */
    private void validate(List<Field> fields, List<ArrayData> columns, List<String> paths) throws InvalidIpcException {
        for (int i = 0; i < columns.size(); i++) {
            String path = paths != null ? paths.get(i)
                    : fields.get(i).name().isEmpty() ? "[" + i + "]" : fields.get(i).name();
            try {
                validator.validate(path, columns.get(i));
            } catch (InvalidArrayException e) {
                throw new InvalidIpcException(where + ": " + e.getMessage(), e);
            }
        }
    }

    private String path() {
        return String.join(".", names);
    }

    /** The message and field being loaded, for error messages. */
    private String location() {
        return where + ": field '" + path() + "'";
    }

    private void releaseAll() {
        if (blocks != null) {
            for (MemoryBlock b : blocks) {
                b.release();
            }
            blocks = null;
        }
    }

    // ---- walk 1: the buffer plan ----------------------------------------------------------

    private void plan(List<Field> fields) throws InvalidIpcException {
        kindCount = 0;
        nodeCount = 0;
        variadicIndex = 0;
        variadicCount = batch.variadicBufferCountsLength();
        int buffersInMessage = batch.buffersLength();
        if (variadicCount < 0 || variadicCount > options.maxFieldCount()) {
            throw new InvalidIpcException(where + ": " + variadicCount + " variadic buffer counts");
        }
        if (variadic.length < variadicCount) {
            variadic = new long[variadicCount];
        }
        for (int i = 0; i < variadicCount; i++) {
            variadic[i] = batch.variadicBufferCounts(i);
            if (variadic[i] < 0 || variadic[i] > buffersInMessage) {
                throw new InvalidIpcException(where + ": variadic buffer count " + i + " is " + variadic[i]
                        + " but the message has " + buffersInMessage + " buffers");
            }
        }
        for (Field field : fields) {
            plan(field);
        }
        if (variadicIndex != variadicCount) {
            throw new InvalidIpcException(where + ": the message has " + variadicCount
                    + " variadic buffer counts but the schema has " + variadicIndex + " view fields");
        }
        if (batch.nodesLength() != nodeCount) {
            throw new InvalidIpcException(where + ": the message has " + batch.nodesLength()
                    + " field nodes but the schema needs " + nodeCount);
        }
        if (buffersInMessage != kindCount) {
            throw new InvalidIpcException(where + ": the message has " + buffersInMessage
                    + " buffers but the schema needs " + kindCount);
        }
    }

    private void kind(int kind) {
        if (kindCount == kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, kindCount * 2);
        }
        kinds[kindCount++] = kind;
    }

    private void plan(Field field) throws InvalidIpcException {
        names.add(field.name());
        plan(field.type());
        names.removeLast();
    }

    private void plan(DataType type) throws InvalidIpcException {
        DataType t = DictionaryIds.unwrap(type);
        if (t instanceof DataType.Dictionary d) {
            t = d.indexType();
        }
        nodeCount++;
        switch (t) {
            case DataType.Null n -> { }
            case DataType.Bool b -> {
                kind(BufferKind.BITS);
                kind(BufferKind.BITS);
            }
            case DataType.Interval i -> {
                kind(BufferKind.BITS);
                kind(i.unit() == IntervalUnit.MONTH_DAY_NANO ? BufferKind.MONTH_DAY_NANO : BufferKind.WIDTH4);
            }
            case DataType.FixedSizeBinary f -> {
                kind(BufferKind.BITS);
                kind(BufferKind.BYTES);
            }
            case DataType.Binary b -> binary(BufferKind.WIDTH4);
            case DataType.Utf8 b -> binary(BufferKind.WIDTH4);
            case DataType.LargeBinary b -> binary(BufferKind.WIDTH8);
            case DataType.LargeUtf8 b -> binary(BufferKind.WIDTH8);
            case DataType.BinaryView b -> views();
            case DataType.Utf8View b -> views();
            case DataType.List l -> {
                kind(BufferKind.BITS);
                kind(BufferKind.WIDTH4);
                plan(l.element());
            }
            case DataType.Map m -> {
                kind(BufferKind.BITS);
                kind(BufferKind.WIDTH4);
                plan(m.entries());
            }
            case DataType.LargeList l -> {
                kind(BufferKind.BITS);
                kind(BufferKind.WIDTH8);
                plan(l.element());
            }
            case DataType.ListView l -> {
                kind(BufferKind.BITS);
                kind(BufferKind.WIDTH4);
                kind(BufferKind.WIDTH4);
                plan(l.element());
            }
            case DataType.LargeListView l -> {
                kind(BufferKind.BITS);
                kind(BufferKind.WIDTH8);
                kind(BufferKind.WIDTH8);
                plan(l.element());
            }
            case DataType.FixedSizeList l -> {
                kind(BufferKind.BITS);
                plan(l.element());
            }
            case DataType.Struct s -> {
                kind(BufferKind.BITS);
                for (Field f : s.fields()) {
                    plan(f);
                }
            }
            case DataType.Union u -> {
                if (v4) {
                    kind(BufferKind.BITS);
                }
                kind(BufferKind.BYTES);
                if (u.mode() == UnionMode.DENSE) {
                    kind(BufferKind.WIDTH4);
                }
                for (Field f : u.fields()) {
                    plan(f);
                }
            }
            case DataType.RunEndEncoded r -> {
                plan(r.runEnds());
                plan(r.values());
            }
            default -> {
                kind(BufferKind.BITS);
                kind(BufferKind.ofWidth(FixedWidths.byteWidth(t)));
            }
        }
    }

    private void binary(int offsetKind) {
        kind(BufferKind.BITS);
        kind(offsetKind);
        kind(BufferKind.BYTES);
    }

    private void views() throws InvalidIpcException {
        kind(BufferKind.BITS);
        kind(BufferKind.VIEWS);
        if (variadicIndex >= variadicCount) {
            throw new InvalidIpcException(where + ": view field '" + path() + "' has no variadic buffer count");
        }
        long count = variadic[variadicIndex++];
        if (kindCount + count > batch.buffersLength()) {
            throw new InvalidIpcException(where + ": view field '" + path() + "' declares " + count
                    + " data buffers, more than the message has");
        }
        for (long i = 0; i < count; i++) {
            kind(BufferKind.BYTES);
        }
    }

    // ---- buffers ------------------------------------------------------------------------

    private void readBuffers(long bodyLength) throws InvalidIpcException {
        if (offsets.length < kindCount) {
            int n = Math.max(kindCount, offsets.length * 2);
            offsets = new long[n];
            lengths = new long[n];
            segments = new MemorySegment[n];
        }
        for (int i = 0; i < kindCount; i++) {
            batch.buffers(buffer, i);
            long offset = buffer.offset();
            long length = buffer.length();
            if (offset < 0 || length < 0 || offset > bodyLength || length > bodyLength - offset) {
                throw new InvalidIpcException(where + ": buffer " + i + " (offset=" + offset + " length=" + length
                        + ") is outside the body of " + bodyLength + " bytes");
            }
            offsets[i] = offset;
            lengths[i] = length;
        }
    }

    private void resolve(MemorySegment body, MemoryBlock owner, boolean copyToSwap) throws IOException {
        BodyCompression compression = batch.compression();
        if (compression != null) {
            decompress(compression, body);
            return;
        }
        // Alignment is a property of the address, not of the offset in the body: a mapped body
        // starts wherever the writer put it in the file (8-byte aligned by other writers).
        long base = body.address();
        long copied = 0;
        for (int i = 0; i < kindCount; i++) {
            if (mustCopy(i, base, copyToSwap)) {
                copied += Alignment.pad(lengths[i]);
            }
        }
        MemorySegment copies = copied == 0 ? null
                : allocate(copied, copyToSwap ? "big-endian buffers of a read-only body" : "misaligned buffers");
        long position = 0;
        for (int i = 0; i < kindCount; i++) {
            MemorySegment slice = body.asSlice(offsets[i], lengths[i]);
            if (mustCopy(i, base, copyToSwap)) {
                MemorySegment copy = copies.asSlice(position, lengths[i]);
                copy.copyFrom(slice);
                position += Alignment.pad(lengths[i]);
                slice = copy;
            }
            segments[i] = slice;
        }
        if (owner != null) {
            blocks.add(owner.retain());
        }
    }

    private boolean mustCopy(int i, long base, boolean copyToSwap) {
        if (lengths[i] == 0) {
            return false;
        }
        int alignment = BufferKind.alignment(kinds[i]);
        return (base + offsets[i]) % alignment != 0 || (copyToSwap && alignment > 1);
    }

    private MemorySegment allocate(long size, String what) throws IOException {
        MemoryBlock block;
        try {
            block = allocator.allocateUninitialized(size);
        } catch (AllocationLimitException e) {
            throw new IOException(where + ": cannot allocate " + size + " bytes for " + what + ": " + e.getMessage(), e);
        }
        blocks.add(block);
        return block.segment();
    }

    private void decompress(BodyCompression compression, MemorySegment body) throws IOException {
        if (compression.method() != BodyCompressionMethod.BUFFER) {
            throw new InvalidIpcException(where + ": unknown body compression method " + compression.method());
        }
        CompressionType type = switch (compression.codec()) {
            case org.apache.arrow.flatbuf.CompressionType.LZ4_FRAME -> CompressionType.LZ4_FRAME;
            case org.apache.arrow.flatbuf.CompressionType.ZSTD -> CompressionType.ZSTD;
            default -> throw new InvalidIpcException(where + ": unknown body compression codec " + compression.codec());
        };
        CompressionCodec codec = CompressionCodec.find(type);
        long total = 0;
        long[] sizes = new long[kindCount];
        for (int i = 0; i < kindCount; i++) {
            if (lengths[i] == 0) {
                continue;
            }
            if (lengths[i] < 8) {
                throw new InvalidIpcException(where + ": compressed buffer " + i + " of " + lengths[i]
                        + " bytes is shorter than its 8-byte length prefix");
            }
            long size = body.get(LE_LONG, offsets[i]);
            if (size == -1) {
                size = lengths[i] - 8;
            } else if (size < 0) {
                throw new InvalidIpcException(where + ": compressed buffer " + i + " declares uncompressed length " + size);
            }
            if (size > options.maxBodyBytes() || Alignment.pad(size) > options.maxBodyBytes() - total) {
                throw new FrameTooLargeException(where + " decompressed body (at buffer " + i + ")",
                        size > options.maxBodyBytes() ? size : total + size, options.maxBodyBytes());
            }
            sizes[i] = size;
            total += Alignment.pad(size);
        }
        MemorySegment target = total == 0 ? MemorySegment.NULL : allocate(total, "the decompressed body");
        long position = 0;
        for (int i = 0; i < kindCount; i++) {
            if (lengths[i] == 0) {
                segments[i] = MemorySegment.NULL;
                continue;
            }
            MemorySegment out = target.asSlice(position, sizes[i]);
            MemorySegment in = body.asSlice(offsets[i] + 8, lengths[i] - 8);
            if (body.get(LE_LONG, offsets[i]) == -1) {
                out.copyFrom(in);
            } else if (sizes[i] > 0) {
                try {
                    codec.decompress(in, out);
                } catch (IOException e) {
                    throw new InvalidIpcException(where + ": buffer " + i + " does not decompress (" + type + "): "
                            + e.getMessage(), e);
                } catch (RuntimeException e) {
                    throw new InvalidIpcException(where + ": buffer " + i + " does not decompress (" + type + "): " + e, e);
                }
            }
            segments[i] = out;
            position += Alignment.pad(sizes[i]);
        }
    }

    // ---- walk 2: the arrays -------------------------------------------------------------

    private ArrayData build(Field field) throws IOException {
        names.add(field.name());
        try {
            return buildArray(field);
        } finally {
            names.removeLast();
        }
    }

    private ArrayData buildArray(Field field) throws IOException {
        DataType type = field.type();
        DataType t = DictionaryIds.unwrap(type);
        ArrayData dictionary = null;
        if (t instanceof DataType.Dictionary d) {
            DictionaryTable.Entry entry = dictionaries == null ? null : dictionaries.get(field.dictionaryId());
            if (entry == null) {
                throw new InvalidIpcException(where + ": field '" + path() + "' uses dictionary id " + field.dictionaryId()
                        + ", which has not been received");
            }
            if (!used.contains(entry)) {
                used.add(entry);
            }
            dictionary = entry.data();
            t = d.indexType();
        }
        batch.nodes(node, nodeIndex);
        long nodeLength = node.length();
        long nodeNulls = node.nullCount();
        if (nodeLength < 0 || nodeLength > Integer.MAX_VALUE || nodeNulls < 0 || nodeNulls > nodeLength) {
            throw new InvalidIpcException(where + ": field node " + nodeIndex + " ('" + path() + "') has length="
                    + nodeLength + " nullCount=" + nodeNulls);
        }
        nodeIndex++;
        int length = (int) nodeLength;
        int nulls = (int) nodeNulls;
        MemorySegment[] buffers;
        List<ArrayData> children = List.of();
        int nullCount = nulls;
        MemorySegment v4Validity = null;
        switch (t) {
            case DataType.Null n -> {
                buffers = new MemorySegment[0];
                nullCount = length;
            }
            case DataType.Bool b -> buffers = new MemorySegment[] {validity(length, nulls), take(bits(length), "values")};
            case DataType.FixedSizeBinary f -> buffers = new MemorySegment[] {validity(length, nulls),
                    take((long) length * f.byteWidth(), "values")};
            case DataType.Binary b -> buffers = binary(length, nulls, 4);
            case DataType.Utf8 b -> buffers = binary(length, nulls, 4);
            case DataType.LargeBinary b -> buffers = binary(length, nulls, 8);
            case DataType.LargeUtf8 b -> buffers = binary(length, nulls, 8);
            case DataType.BinaryView b -> buffers = views(length, nulls);
            case DataType.Utf8View b -> buffers = views(length, nulls);
            case DataType.List l -> {
                buffers = new MemorySegment[] {validity(length, nulls), offsets(length, 4)};
                children = List.of(build(l.element()));
            }
            case DataType.Map m -> {
                buffers = new MemorySegment[] {validity(length, nulls), offsets(length, 4)};
                children = List.of(build(m.entries()));
            }
            case DataType.LargeList l -> {
                buffers = new MemorySegment[] {validity(length, nulls), offsets(length, 8)};
                children = List.of(build(l.element()));
            }
            case DataType.ListView l -> {
                buffers = new MemorySegment[] {validity(length, nulls), take(length * 4L, "offsets"),
                        take(length * 4L, "sizes")};
                children = List.of(build(l.element()));
            }
            case DataType.LargeListView l -> {
                buffers = new MemorySegment[] {validity(length, nulls), take(length * 8L, "offsets"),
                        take(length * 8L, "sizes")};
                children = List.of(build(l.element()));
            }
            case DataType.FixedSizeList l -> {
                buffers = new MemorySegment[] {validity(length, nulls)};
                ArrayData child = build(l.element());
                if (child.length() < (long) length * l.listSize()) {
                    throw new InvalidIpcException(where + ": field '" + path() + "' has " + length + " lists of "
                            + l.listSize() + " but its child has only " + child.length() + " values");
                }
                children = List.of(child);
            }
            case DataType.Struct s -> {
                buffers = new MemorySegment[] {validity(length, nulls)};
                children = children(s.fields(), length, true);
            }
            case DataType.Union u -> {
                if (v4) {
                    v4Validity = validity(length, nulls);
                }
                MemorySegment typeIds = take(length, "type ids");
                buffers = u.mode() == UnionMode.SPARSE
                        ? new MemorySegment[] {typeIds}
                        : new MemorySegment[] {typeIds, take(length * 4L, "offsets")};
                children = children(u.fields(), length, u.mode() == UnionMode.SPARSE);
                nullCount = 0;
            }
            case DataType.RunEndEncoded r -> {
                buffers = new MemorySegment[0];
                ArrayData runEnds = build(r.runEnds());
                ArrayData values = build(r.values());
                if (runEnds.length() != values.length()) {
                    throw new InvalidIpcException(where + ": run-end encoded field '" + path() + "' has "
                            + runEnds.length() + " run ends but " + values.length() + " values");
                }
                if (length > 0 && runEnds.length() == 0) {
                    throw new InvalidIpcException(where + ": run-end encoded field '" + path() + "' has " + length
                            + " values but no runs");
                }
                children = List.of(runEnds, values);
                nullCount = 0;
            }
            default -> {
                int width = FixedWidths.byteWidth(t);
                buffers = new MemorySegment[] {validity(length, nulls), take((long) length * width, "values")};
            }
        }
        ArrayData data;
        try {
            data = new ArrayData(type, length, 0, nullCount, buffers, children, dictionary);
        } catch (IllegalArgumentException e) {
            throw new InvalidIpcException(where + ": field '" + path() + "': " + e.getMessage(), e);
        }
        if (v4Validity != null) {
            data = V4Unions.pushNullsIntoChildren(data, v4Validity, allocator, blocks, location());
        }
        return data;
    }

    private List<ArrayData> children(List<Field> fields, int length, boolean sameLength)
            throws IOException {
        List<ArrayData> list = new ArrayList<>(fields.size());
        for (Field f : fields) {
            ArrayData child = build(f);
            if (sameLength && child.length() < length) {
                throw new InvalidIpcException(where + ": field '" + path() + "." + f.name() + "' has length "
                        + child.length() + ", shorter than its parent's " + length);
            }
            list.add(child);
        }
        return list;
    }

    private static long bits(long length) {
        return (length + 7) >>> 3;
    }

    private MemorySegment take(long minBytes, String what) throws InvalidIpcException {
        int index = bufferIndex++;
        MemorySegment segment = segments[index];
        if (segment.byteSize() < minBytes) {
            throw new InvalidIpcException(where + ": field '" + path() + "' buffer " + index + " (" + what + ") has "
                    + segment.byteSize() + " bytes, needs " + minBytes);
        }
        return segment;
    }

    private MemorySegment validity(int length, int nulls) throws InvalidIpcException {
        int index = bufferIndex;
        MemorySegment segment = take(0, "validity");
        if (nulls == 0) {
            return null;
        }
        if (segment.byteSize() < bits(length)) {
            throw new InvalidIpcException(where + ": field '" + path() + "' buffer " + index + " (validity) has "
                    + segment.byteSize() + " bytes for " + length + " values with " + nulls + " nulls, needs " + bits(length));
        }
        return segment;
    }

    private MemorySegment offsets(int length, int width) throws InvalidIpcException {
        if (length == 0 && segments[bufferIndex].byteSize() < width) {
            bufferIndex++;
            return ZERO_OFFSETS;
        }
        return take((length + 1L) * width, "offsets");
    }

    private MemorySegment[] binary(int length, int nulls, int width) throws InvalidIpcException {
        return new MemorySegment[] {validity(length, nulls), offsets(length, width), take(0, "data")};
    }

    private MemorySegment[] views(int length, int nulls) throws InvalidIpcException {
        MemorySegment validity = validity(length, nulls);
        MemorySegment views = take(length * 16L, "views");
        int count = (int) variadic[variadicIndex++];
        MemorySegment[] buffers = new MemorySegment[2 + count];
        buffers[0] = validity;
        buffers[1] = views;
        for (int i = 0; i < count; i++) {
            buffers[2 + i] = take(0, "data");
        }
        return buffers;
    }
}
