package dev.lightstream.ipc.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.UnsupportedIpcFeatureException;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Message;

/**
 * What the stream decoder and the file reader share: the schema, the dictionaries by id, and the
 * interpretation of schema, dictionary batch and record batch messages.
 */
public final class ReaderCore implements AutoCloseable {
    private final BufferAllocator allocator;
    private final IpcReadOptions options;
    private final BatchLoader loader;
    private final org.apache.arrow.flatbuf.RecordBatch batchTable = new org.apache.arrow.flatbuf.RecordBatch();
    private final DictionaryBatch dictionaryTable = new DictionaryBatch();
    private Schema schema;
    private boolean bigEndian;
    private DictionaryTable dictionaries;

    public ReaderCore(BufferAllocator allocator, IpcReadOptions options) {
        this.allocator = allocator;
        this.options = options;
        this.loader = new BatchLoader(allocator, options);
    }

    public Schema schema() {
        return schema;
    }

    /** The current dictionaries, by id. */
    public Map<Long, ArrayData> dictionaries() {
        return dictionaries == null ? Map.of() : dictionaries.snapshot();
    }

    /** Installs the schema of a Schema message or file footer. */
    public Schema readSchema(org.apache.arrow.flatbuf.Schema table, String where) throws IOException {
        if (table == null) {
            throw new InvalidIpcException(where + ": no schema");
        }
        Schema read;
        boolean big;
        Map<Long, Field> byId;
        try {
            read = SchemaReader.read(table, options);
            big = SchemaReader.isBigEndian(table);
            byId = DictionaryIds.byId(read);
        } catch (IllegalArgumentException e) {
            throw new InvalidIpcException(where + ": " + e.getMessage(), e);
        } catch (InvalidIpcException | FrameTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidIpcException(where + ": " + e.getMessage(), e);
        }
        schema = read;
        bigEndian = big;
        dictionaries = new DictionaryTable(byId);
        return read;
    }

    /** The schema table of a Schema message. */
    public static org.apache.arrow.flatbuf.Schema schemaOf(Message message) {
        return (org.apache.arrow.flatbuf.Schema) message.header(new org.apache.arrow.flatbuf.Schema());
    }

    /** A dictionary batch that was applied. */
    public record AppliedDictionary(long id, boolean delta, ArrayData data) {}

    /**
     * Applies a dictionary batch message.
     *
     * @param inFile true in an IPC file, where replacing a dictionary is not allowed
     */
    public AppliedDictionary readDictionary(Message message, MemoryBlock body, long bodyLength, String where, boolean inFile)
            throws IOException {
        return readDictionary(message, segmentOf(body, bodyLength), body, where, inFile);
    }

    /**
     * Applies a dictionary batch message whose body is {@code body}, held by {@code owner} (or by
     * someone else, such as a memory mapping, when {@code owner} is null).
     */
    public AppliedDictionary readDictionary(Message message, MemorySegment body, MemoryBlock owner, String where,
            boolean inFile) throws IOException {
        requireSchema(where);
        DictionaryBatch table = (DictionaryBatch) message.header(dictionaryTable);
        if (table == null || table.data() == null) {
            throw new InvalidIpcException(where + ": dictionary batch without data");
        }
        long id = table.id();
        Field field = dictionaries.field(id);
        if (field == null) {
            throw new InvalidIpcException(where + ": dictionary id " + id + " is not used by the schema");
        }
        DataType valueType = ((DataType.Dictionary) DictionaryIds.unwrap(field.type())).valueType();
        boolean delta = table.isDelta();
        DictionaryTable.Entry old = dictionaries.get(id);
        if (inFile && old != null && !delta) {
            throw new UnsupportedIpcFeatureException(where + ": dictionary id " + id
                    + " is replaced, which the IPC file format does not allow");
        }
        BatchLoader.Loaded loaded = loader.load(List.of(Field.nullable("dictionary", valueType)), table.data(), body,
                owner, bigEndian, message.version(), dictionaries, where + " (dictionary id " + id + ")",
                List.of(field.name() + "[dictionary]"));
        List<MemoryBlock> blocks = new ArrayList<>(loaded.blocks());
        try {
            ArrayData data = loaded.columns().getFirst();
            long size = ArraySizes.byteSize(data);
            if (delta && old != null) {
                long combined = size + ArraySizes.byteSize(old.data());
                if (combined > options.maxDictionaryBytes()) {
                    throw new FrameTooLargeException(where + ": dictionary " + id + " after delta", combined,
                            options.maxDictionaryBytes());
                }
                if ((long) old.data().length() + data.length() > Integer.MAX_VALUE) {
                    throw new InvalidIpcException(where + ": dictionary " + id + " would exceed " + Integer.MAX_VALUE + " values");
                }
                try {
                    data = ArrayConcat.concat(List.of(old.data(), data), allocator, blocks);
                } catch (AllocationLimitException e) {
                    throw new IOException(where + ": cannot allocate the concatenated dictionary " + id + ": "
                            + e.getMessage(), e);
                }
                if (hasNestedDictionary(valueType)) {
                    // The old values' indices were checked against the nested dictionaries they came
                    // with; joined, they point into the current ones, which may have been replaced.
                    loader.validate(where + " (dictionary id " + id + " joined to its delta)",
                            field.name() + "[dictionary]", data);
                }
            } else if (size > options.maxDictionaryBytes()) {
                throw new FrameTooLargeException(where + ": dictionary " + id, size, options.maxDictionaryBytes());
            }
            dictionaries.put(new DictionaryTable.Entry(id, data, blocks));
            return new AppliedDictionary(id, delta, data);
        } catch (IOException | RuntimeException e) {
            for (MemoryBlock b : blocks) {
                b.release();
            }
            throw e;
        }
    }

    /** Decodes a record batch message into a batch that owns its memory. */
    public RecordBatch readBatch(Message message, MemoryBlock body, long bodyLength, String where) throws IOException {
        return readBatch(message, segmentOf(body, bodyLength), body, where);
    }

    /**
     * Decodes a record batch message whose body is {@code body}, held by {@code owner} (or by
     * someone else, such as a memory mapping, when {@code owner} is null).
     */
    public RecordBatch readBatch(Message message, MemorySegment body, MemoryBlock owner, String where)
            throws IOException {
        requireSchema(where);
        org.apache.arrow.flatbuf.RecordBatch table = (org.apache.arrow.flatbuf.RecordBatch) message.header(batchTable);
        if (table == null) {
            throw new InvalidIpcException(where + ": record batch message without a header");
        }
        BatchLoader.Loaded loaded = loader.load(schema.fields(), table, body, owner, bigEndian, message.version(),
                dictionaries, where, null);
        try {
            List<Array> columns = new ArrayList<>(loaded.columns().size());
            for (ArrayData data : loaded.columns()) {
                columns.add(Array.of(data));
            }
            return RecordBatch.of(schema, loaded.length(), columns, loaded.blocks());
        } catch (RuntimeException e) {
            for (MemoryBlock b : loaded.blocks()) {
                b.release();
            }
            throw new InvalidIpcException(where + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasNestedDictionary(DataType type) {
        DataType t = DictionaryIds.unwrap(type);
        if (t instanceof DataType.Dictionary) {
            return true;
        }
        for (Field child : t.children()) {
            if (hasNestedDictionary(child.type())) {
                return true;
            }
        }
        return false;
    }

    private static MemorySegment segmentOf(MemoryBlock body, long bodyLength) {
        return body == null ? MemorySegment.NULL : body.segment().asSlice(0, bodyLength);
    }

    private void requireSchema(String where) throws InvalidIpcException {
        if (schema == null) {
            throw new InvalidIpcException(where + ": a batch came before the schema");
        }
    }

    @Override
    public void close() {
        if (dictionaries != null) {
            dictionaries.close();
        }
    }
}
