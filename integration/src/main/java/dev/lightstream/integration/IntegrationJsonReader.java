package dev.lightstream.integration;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an Arrow integration-testing JSON file (the {@code .json.gz} "gold" files of
 * apache/arrow-testing) into the Lightstream model: a schema, the dictionaries by id, and record
 * batches whose buffers live in 64-byte-aligned blocks of a {@link BufferAllocator}.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      IntegrationJsonFile gold = IntegrationJsonReader.read(Path.of("generated_primitive.json.gz"), allocator)) {
 *     Int32Array ints = (Int32Array) gold.batches().get(0).column("int32_nullable");
 *     System.out.println(ints.get(2));
 * }
 * }
 *
 * <p>The document is
 * <pre>
 * { "schema": { "fields": [Field...], "metadata": [{"key", "value"}...] },
 *   "dictionaries": [ { "id": 0, "data": { "count": n, "columns": [FieldData] } }... ],
 *   "batches": [ { "count": n, "columns": [FieldData...] }... ] }
 * </pre>
 * with the spellings Arrow's own gold files use (64-bit values, decimals and large offsets as
 * strings, booleans as {@code true}/{@code false}, a VALIDITY even for non-nullable fields). Input
 * that is gzip-compressed is recognised by its magic bytes.
 *
 * <p>Each batch owns one block holding all its buffers and retains the blocks of the
 * dictionaries it uses; the returned file owns the dictionaries. Anything malformed raises an
 * {@link InvalidJsonException} naming the JSON path, and nothing stays allocated.
 */
public final class IntegrationJsonReader {
    private final BufferAllocator allocator;
    private Map<Long, DataType> valueTypes = Map.of();
    private final Map<Long, JsonCursor> dictionaryJson = new LinkedHashMap<>();
    private final Map<Long, LoadedDictionary> loaded = new TreeMap<>();
    private final Set<Long> loading = new HashSet<>();
    private final List<RecordBatch> batches = new ArrayList<>();

    private IntegrationJsonReader(BufferAllocator allocator) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
    }

    /**
     * Reads a {@code .json} or {@code .json.gz} file.
     *
     * @throws InvalidJsonException if the file is not a well-formed integration JSON document
     * @throws IOException if the file cannot be read or the allocator refuses the memory
     */
    public static IntegrationJsonFile read(Path path, BufferAllocator allocator) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, allocator);
        }
    }

    /**
     * Reads a document, plain or gzip-compressed, from {@code in}, which is left open.
     *
     * @throws InvalidJsonException if the input is not a well-formed integration JSON document
     * @throws IOException if reading fails or the allocator refuses the memory
     */
    public static IntegrationJsonFile read(InputStream in, BufferAllocator allocator) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(allocator, "allocator");
        JsonValue root;
        try {
            root = JsonTreeParser.parse(maybeGunzip(in));
        } catch (EOFException | ZipException e) {
            throw new InvalidJsonException("$", "truncated or corrupt gzip input: " + e.getMessage(), e);
        }
        return decode(root, allocator);
    }

    /** Decodes a parsed document (for tests that build or alter documents). */
    static IntegrationJsonFile decode(JsonValue root, BufferAllocator allocator) throws IOException {
        return new IntegrationJsonReader(allocator).decode(JsonCursor.root(root));
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    private IntegrationJsonFile decode(JsonCursor root) throws IOException {
        try {
            SchemaReader.Result result = SchemaReader.read(root.member("schema"));
            Schema schema = result.schema();
            valueTypes = result.dictionaryValueTypes();
            JsonCursor dictionaries = root.optional("dictionaries");
            if (dictionaries != null) {
                for (JsonCursor dictionary : dictionaries.elements()) {
                    long id = dictionary.member("id").integer(0, Long.MAX_VALUE);
                    if (!valueTypes.containsKey(id)) {
                        throw dictionary.errorAt("id", "no field uses dictionary id " + id);
                    }
                    if (dictionaryJson.put(id, dictionary) != null) {
                        throw dictionary.errorAt("id", "dictionary id " + id + " appears twice");
                    }
                }
            }
            for (long id : List.copyOf(dictionaryJson.keySet())) {
                resolve(id, root);
            }
            for (JsonCursor batch : root.member("batches").elements()) {
                batches.add(batch(batch, schema));
            }
            return new IntegrationJsonFile(schema, loaded, batches);
        } catch (IOException | RuntimeException e) {
            batches.forEach(RecordBatch::close);
            loaded.values().forEach(LoadedDictionary::releaseAll);
            throw e;
        }
    }

    private RecordBatch batch(JsonCursor json, Schema schema) throws IOException {
        int count = json.member("count").nonNegativeInt();
        JsonCursor columnsJson = json.member("columns");
        columnsJson.array(schema.size(), "columns");
        ColumnReader reader = new ColumnReader(this::resolve);
        List<HeapArray> columns = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            JsonCursor column = columnsJson.element(i);
            HeapArray array = read(reader, column, schema.field(i));
            if (array.length() != count) {
                throw column.errorAt("count", "column has " + array.length() + " values but the batch has " + count);
            }
            columns.add(array);
        }
        Placed placed = place(json, columns, reader);
        try {
            List<Array> arrays = placed.data().stream().map(Array::of).toList();
            return RecordBatch.of(schema, count, arrays, placed.blocks());
        } catch (RuntimeException e) {
            placed.blocks().forEach(MemoryBlock::release);
            throw new InvalidJsonException(json.path(), "inconsistent batch: " + e.getMessage(), e);
        }
    }

    /** Loads dictionary {@code id} (and the dictionaries nested in it) once. */
    private LoadedDictionary resolve(long id, JsonCursor usedAt) throws IOException {
        LoadedDictionary done = loaded.get(id);
        if (done != null) {
            return done;
        }
        JsonCursor json = dictionaryJson.get(id);
        if (json == null) {
            throw usedAt.error("dictionary id " + id + " is used but not in the dictionaries list");
        }
        if (!loading.add(id)) {
            throw json.error("dictionary " + id + " contains itself");
        }
        JsonCursor data = json.member("data");
        int count = data.member("count").nonNegativeInt();
        JsonCursor columns = data.member("columns");
        columns.array(1, "columns");
        ColumnReader reader = new ColumnReader(this::resolve);
        HeapArray values = read(reader, columns.element(0), Field.nullable("DICT" + id, valueTypes.get(id)));
        if (values.length() != count) {
            throw columns.element(0).errorAt("count", "dictionary has " + values.length() + " values but its batch "
                    + count);
        }
        Placed placed = place(json, List.of(values), reader);
        LoadedDictionary dictionary = new LoadedDictionary(id, placed.data().getFirst(), placed.blocks());
        loaded.put(id, dictionary);
        loading.remove(id);
        return dictionary;
    }

    /** Reads one column, turning an unexpected runtime failure of the model into a located error. */
    private static HeapArray read(ColumnReader reader, JsonCursor column, Field field) throws IOException {
        try {
            return reader.read(column, field);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new InvalidJsonException(column.path(), e.toString(), e);
        }
    }

    /** Native arrays and the blocks they live in: one new block, plus a reference to each used dictionary's. */
    private record Placed(List<ArrayData> data, List<MemoryBlock> blocks) {}

    private Placed place(JsonCursor at, List<HeapArray> arrays, ColumnReader reader) throws IOException {
        long bytes = 0;
        for (HeapArray array : arrays) {
            bytes += array.nativeBytes();
        }
        MemoryBlock block;
        try {
            block = allocator.allocate(Math.max(bytes, 1));
        } catch (AllocationLimitException e) {
            throw new IOException(at.path() + ": " + e.getMessage(), e);
        }
        List<MemoryBlock> blocks = new ArrayList<>();
        blocks.add(block);
        try {
            HeapArray.Slab slab = new HeapArray.Slab(block.segment());
            List<ArrayData> data = new ArrayList<>(arrays.size());
            for (HeapArray array : arrays) {
                data.add(array.place(slab));
            }
            for (LoadedDictionary dictionary : reader.usedDictionaries()) {
                blocks.addAll(dictionary.retainAll());
            }
            return new Placed(data, blocks);
        } catch (RuntimeException e) {
            blocks.forEach(MemoryBlock::release);
            throw new InvalidJsonException(at.path(), "inconsistent arrays: " + e.getMessage(), e);
        }
    }
}
