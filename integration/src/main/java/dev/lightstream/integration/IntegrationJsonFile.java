package dev.lightstream.integration;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of an integration JSON file, read into native memory: schema, dictionaries by id
 * and record batches. Closing it closes every batch and frees the dictionaries.
 *
 * {@snippet :
 * try (IntegrationJsonFile json = IntegrationJsonReader.read(jsonPath, allocator)) {
 *     Comparison result = IntegrationComparator.strict().compare(json.data(), fromIpc);
 *     System.out.println(result);
 * }
 * }
 *
 * <p>A batch may be closed early by its user; the dictionaries stay alive until this file and
 * every batch that uses them are closed.
 */
public final class IntegrationJsonFile implements AutoCloseable {
    private final Schema schema;
    private final List<LoadedDictionary> loaded;
    private final SortedMap<Long, Array> dictionaries;
    private final List<RecordBatch> batches;
    private boolean closed;

    IntegrationJsonFile(Schema schema, Map<Long, LoadedDictionary> loaded, List<RecordBatch> batches) {
        this.schema = schema;
        this.loaded = List.copyOf(loaded.values());
        SortedMap<Long, Array> arrays = new TreeMap<>();
        loaded.forEach((id, dictionary) -> arrays.put(id, Array.of(dictionary.data())));
        this.dictionaries = Collections.unmodifiableSortedMap(arrays);
        this.batches = List.copyOf(batches);
    }

    public Schema schema() {
        return schema;
    }

    /** The dictionaries by id, as the file's {@code dictionaries} list gives them. */
    public SortedMap<Long, Array> dictionaries() {
        return dictionaries;
    }

    /** The record batches in file order. */
    public List<RecordBatch> batches() {
        return batches;
    }

    /** Schema, dictionaries and batches together, for the comparator and the writer. */
    public IntegrationData data() {
        return new IntegrationData(schema, dictionaries, batches);
    }

    /** Closes every batch and releases the dictionaries. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        batches.forEach(RecordBatch::close);
        loaded.forEach(LoadedDictionary::releaseAll);
    }
}
