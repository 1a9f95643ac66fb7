package dev.lightstream.integration;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one integration case holds, whichever form it was read from (JSON, an IPC stream, an IPC
 * file): a schema, the dictionaries by id, and the record batches. A view: it owns nothing.
 *
 * {@snippet :
 * IntegrationData fromIpc = IntegrationData.of(reader.schema(), batchesReadFromTheStream);
 * Comparison result = IntegrationComparator.strict().compare(json.data(), fromIpc);
 * }
 *
 * @param schema the schema; dictionary-encoded fields carry their dictionary ids
 * @param dictionaries the dictionaries by id
 * @param batches the record batches in order
 */
public record IntegrationData(Schema schema, SortedMap<Long, Array> dictionaries, List<RecordBatch> batches) {
    public IntegrationData {
        Objects.requireNonNull(schema, "schema");
        dictionaries = Collections.unmodifiableSortedMap(new TreeMap<>(dictionaries));
        batches = List.copyOf(batches);
    }

    public IntegrationData(Schema schema, Map<Long, Array> dictionaries, List<RecordBatch> batches) {
        this(schema, new TreeMap<>(dictionaries), batches);
    }

    /**
     * The data of {@code batches}, with the dictionaries taken from their dictionary-encoded
     * columns. Dictionary fields without an id get one, as the writer would give them (inner
     * dictionaries first), in the returned schema.
     *
     * @throws IllegalArgumentException if two batches use different dictionaries under one id
     *     (a replacement or a delta, which the JSON format cannot express)
     */
    public static IntegrationData of(Schema schema, List<RecordBatch> batches) {
        Schema withIds = DictionaryIds.assign(schema);
        SortedMap<Long, Array> dictionaries = new TreeMap<>();
        DictionaryCollector.collect(withIds, batches).forEach((id, data) -> dictionaries.put(id, Array.of(data)));
        return new IntegrationData(withIds, dictionaries, batches);
    }
}
