package dev.lightstream.ipc.internal;

import dev.lightstream.array.ArrayData;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionaries a reader has received, by id. The table holds one reference to the blocks of
 * each current dictionary; a batch that uses a dictionary retains those blocks itself, so a
 * replacement or delta (which installs a new entry and releases the table's reference to the old
 * one) leaves earlier batches intact.
 */
public final class DictionaryTable implements AutoCloseable {
    /** A dictionary's values and the blocks that hold them (including nested dictionaries'). */
    public record Entry(long id, ArrayData data, List<MemoryBlock> blocks) {
        public Entry {
            blocks = List.copyOf(blocks);
        }

        /** Adds one reference to each block, for a batch that uses this dictionary. */
        void retainInto(List<MemoryBlock> out) {
            for (MemoryBlock block : blocks) {
                out.add(block.retain());
            }
        }
    }

    private final Map<Long, Field> fields;
    private final Map<Long, Entry> entries = new HashMap<>();

    /** A table for the dictionary fields of a schema, by id. */
    public DictionaryTable(Map<Long, Field> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** The dictionary-encoded field that defines {@code id}, or null if the schema has none. */
    public Field field(long id) {
        return fields.get(id);
    }

    /** The current dictionary of {@code id}, or null. */
    public Entry get(long id) {
        return entries.get(id);
    }

    /** Installs {@code entry}, releasing the table's reference to the one it replaces. */
    public void put(Entry entry) {
        Entry old = entries.put(entry.id(), entry);
        if (old != null) {
            release(old);
        }
    }

    /** The current dictionaries, by id (a snapshot). */
    public Map<Long, ArrayData> snapshot() {
        Map<Long, ArrayData> map = new HashMap<>();
        entries.forEach((id, e) -> map.put(id, e.data()));
        return map;
    }

    private static void release(Entry entry) {
        for (MemoryBlock block : entry.blocks()) {
            block.release();
        }
    }

    @Override
    public void close() {
        for (Entry e : entries.values()) {
            release(e);
        }
        entries.clear();
    }
}
