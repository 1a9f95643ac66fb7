package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Maps: a list (32-bit offsets) of entries, each a struct of a key and a value. Keys may repeat;
 * {@link #getObject} therefore returns a list of single-entry maps, in order.
 */
public final class MapArray extends Array {
    private final MemorySegment offsets;
    private final StructArray entries;

    MapArray(ArrayData data) {
        super(data);
        this.offsets = data.buffer(1);
        this.entries = (StructArray) Array.of(data.child(0));
    }

    /** All entries, a struct array of (key, value); slot {@code i} covers {@code [valueStart(i), valueEnd(i))}. */
    public StructArray entries() {
        return entries;
    }

    /** All keys, aligned with {@link #entries()}. */
    public Array keys() {
        return entries.field(0);
    }

    /** All values, aligned with {@link #entries()}. */
    public Array items() {
        return entries.field(1);
    }

    public int valueStart(int index) {
        checkIndex(index);
        return offsets.get(LE.INT, ((long) offset + index) * 4);
    }

    public int valueEnd(int index) {
        checkIndex(index);
        return offsets.get(LE.INT, ((long) offset + index + 1) * 4);
    }

    public int valueLength(int index) {
        return valueEnd(index) - valueStart(index);
    }

    public MemorySegment offsets() {
        return offsets;
    }

    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        Array keys = keys();
        Array values = items();
        List<Map<Object, Object>> result = new ArrayList<>();
        for (int i = valueStart(index); i < valueEnd(index); i++) {
            result.add(Collections.singletonMap(keys.getObject(i), values.getObject(i)));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * A builder of {@code type}, with builders for the keys and the values.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.Map}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Map)) {
            throw new IllegalArgumentException(type + " is not a map type");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link MapArray}s: {@link #startMap()}, one key appended to {@link #keys()} and one
     * value to {@link #items()} per entry, {@link #endMap()}. Keys must not be null.
     *
     * {@snippet :
     * MapArray.Builder maps = MapArray.builder(allocator, DataType.map(DataType.UTF8, DataType.INT32, false));
     * maps.startMap();
     * maps.keys().appendObject("a");
     * maps.items().appendObject(1);
     * maps.endMap().appendNull();
     * maps.appendObject(Map.of("b", 2));
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final DataType.Map mapType;
        private final ArrayBuilder keys;
        private final ArrayBuilder items;
        private final BufferBuilder offsets;
        private boolean open;

        Builder(BufferAllocator allocator, DataType.Map type, DictionaryScope scope) {
            super(allocator, type, true);
            this.mapType = type;
            this.keys = ArrayBuilder.forField(allocator, type.key(), scope);
            ArrayBuilder values;
            try {
                values = ArrayBuilder.forField(allocator, type.value(), scope);
            } catch (RuntimeException e) {
                keys.close();
                throw e;
            }
            this.items = values;
            this.offsets = new BufferBuilder(allocator);
        }

        /** The builder of the keys of all entries. */
        public ArrayBuilder keys() {
            return keys;
        }

        /** The builder of the values of all entries. */
        public ArrayBuilder items() {
            return items;
        }

        /** Opens a map: the entries appended to {@link #keys()} and {@link #items()} until {@link #endMap()} are its. */
        public Builder startMap() {
            checkAppend();
            checkClosedSlot();
            firstOffset();
            int last = lastOffset();
            if (keys.length() != last || items.length() != last) {
                throw new IllegalStateException("entries were appended outside a map: keys.length=" + keys.length()
                        + " items.length=" + items.length() + " lastOffset=" + last);
            }
            open = true;
            return this;
        }

        /**
         * Closes the map opened by {@link #startMap()}.
         *
         * @throws IllegalStateException if keys and values differ in number, or a key is null
         */
        public Builder endMap() {
            if (!open) {
                throw new IllegalStateException("no map is open");
            }
            if (keys.length() != items.length()) {
                throw new IllegalStateException("a map got " + keys.length() + " keys but " + items.length() + " values");
            }
            if (keys.nullCount() != 0) {
                throw new IllegalStateException("map keys must not be null");
            }
            offsets.appendInt(keys.length());
            open = false;
            markValid();
            return this;
        }

        private void checkClosedSlot() {
            if (open) {
                throw new IllegalStateException("a map is open");
            }
        }

        private void firstOffset() {
            if (offsets.size() == 0) {
                offsets.appendInt(0);
            }
        }

        private int lastOffset() {
            return offsets.getInt(offsets.size() - 4);
        }

        /** Appends a map of the entries of {@code map}, in its iteration order. */
        public Builder append(java.util.Map<?, ?> map) {
            startMap();
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                keys.appendObject(entry.getKey());
                items.appendObject(entry.getValue());
            }
            return endMap();
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            checkClosedSlot();
            firstOffset();
            offsets.appendInt(lastOffset());
            markNull();
            return this;
        }

        /**
         * Takes what {@link MapArray#getObject} returns, a {@link List} of maps whose entries are
         * appended in order, or a single {@link java.util.Map}.
         */
        @Override
        public Builder appendObject(Object value) {
            switch (value) {
                case null -> {
                    return appendNull();
                }
                case java.util.Map<?, ?> map -> {
                    return append(map);
                }
                case List<?> list -> {
                    for (Object entry : list) {
                        if (!(entry instanceof java.util.Map<?, ?>)) {
                            throw cannotAppend(value);
                        }
                    }
                    startMap();
                    for (Object entry : list) {
                        for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) entry).entrySet()) {
                            keys.appendObject(e.getKey());
                            items.appendObject(e.getValue());
                        }
                    }
                    return endMap();
                }
                default -> throw cannotAppend(value);
            }
        }

        @Override
        public MapArray build() {
            return (MapArray) super.build();
        }

        @Override
        public MapArray build(List<MemoryBlock> owner) {
            return (MapArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            keys.checkComplete();
            items.checkComplete();
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            firstOffset();
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            MemorySegment offsetBuffer = offsets.finish(owner);
            int entryCount = keys.length();
            List<ArrayData> pair = List.of(keys.take(owner), items.take(owner));
            ArrayData entries = new ArrayData(mapType.entries().type(), entryCount, 0, 0, new MemorySegment[] {null},
                    pair, null);
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap, offsetBuffer}, List.of(entries), null);
        }

        @Override
        void releaseBuffers() {
            offsets.close();
            keys.close();
            items.close();
            open = false;
        }

        @Override
        void appendFiller() {
            startMap();
            endMap();
        }

        @Override
        boolean accepts(Object value) {
            if (value instanceof java.util.Map<?, ?> map) {
                return acceptsEntries(map);
            }
            if (value instanceof List<?> list) {
                return list.stream().allMatch(e -> e instanceof java.util.Map<?, ?> map && acceptsEntries(map));
            }
            return false;
        }

        private boolean acceptsEntries(java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() == null || !keys.accepts(e.getKey()) || !acceptsOrNull(items, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }
}
