package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Dictionary-encoded values: an integer index per slot into a dictionary array. Its type is a
 * {@link DataType.Dictionary}; the indices are an {@link Int8Array}, {@link Int16Array},
 * {@link Int32Array} or {@link Int64Array} of the index type.
 */
public final class DictionaryArray extends Array {
    private final Array indices;
    private final Array dictionary;

    DictionaryArray(ArrayData data) {
        super(data);
        this.indices = Array.of(data.indices());
        this.dictionary = Array.of(data.dictionary());
    }

    /** The index of every slot, with this array's validity. */
    public Array indices() {
        return indices;
    }

    /** The dictionary the indices point into. */
    public Array dictionary() {
        return dictionary;
    }

    /** The dictionary index of slot {@code index} (unsigned index types read as unsigned). */
    public long index(int index) {
        return switch (indices) {
            case Int8Array a -> ((DataType.Int) a.type()).signed() ? a.get(index) : a.getUnsigned(index);
            case Int16Array a -> ((DataType.Int) a.type()).signed() ? a.get(index) : a.getUnsigned(index);
            case Int32Array a -> ((DataType.Int) a.type()).signed() ? a.get(index) : a.getUnsigned(index);
            case Int64Array a -> a.get(index);
            default -> throw new IllegalStateException("dictionary indices of type " + indices.type());
        };
    }

    @Override
    public boolean isNull(int index) {
        return indices.isNull(index) || dictionary.isNull(Math.toIntExact(index(index)));
    }

    @Override
    public Object getObject(int index) {
        return indices.isNull(index) ? null : dictionary.getObject(Math.toIntExact(index(index)));
    }

    /**
     * A builder of {@code type} that grows its own dictionary, adding each distinct value once.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.Dictionary}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Dictionary d)) {
            throw new IllegalArgumentException(type + " is not a dictionary type");
        }
        return (Builder) ArrayBuilder.of(allocator, d);
    }

    /**
     * A builder of {@code type} whose arrays all point at {@code dictionary}, which the caller
     * keeps alive (it is not added to the owner list of a build): values appended must be in it.
     *
     * @throws IllegalArgumentException if {@code type} is not a dictionary type of the dictionary's type
     */
    public static Builder builder(BufferAllocator allocator, DataType type, Array dictionary) {
        if (!(type instanceof DataType.Dictionary d) || !d.valueType().equals(dictionary.type())) {
            throw new IllegalArgumentException(type + " is not a dictionary type of values " + dictionary.type());
        }
        return new Builder(allocator, d, new DictionaryValues(dictionary.data()));
    }

    /**
     * Builds {@link DictionaryArray}s. {@link #append(Object)} looks the value up in the
     * dictionary (values equal as {@link Array#getObject} values are the same entry; floats by
     * bits) and adds it when new; {@link #appendIndex} appends an index directly. The index type
     * of the {@link DataType.Dictionary} bounds the dictionary size (255 values for uint8, 127
     * for int8...).
     *
     * {@snippet :
     * DictionaryArray.Builder cities = DictionaryArray.builder(allocator,
     *         DataType.dictionary(DataType.INT8, DataType.UTF8));
     * cities.append("Oslo").append("Lima").append("Oslo").appendNull();
     * DictionaryArray array = cities.build(owner);   // dictionary ["Oslo", "Lima"], indices [0, 1, 0, null]
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final DictionaryValues dictionary;
        private final BufferBuilder indices;
        private final int indexWidth;
        private final long maxEntries;

        Builder(BufferAllocator allocator, DataType.Dictionary type, DictionaryValues dictionary) {
            super(allocator, type, true);
            this.dictionary = dictionary;
            this.indices = new BufferBuilder(allocator);
            DataType.Int indexType = type.indexType();
            this.indexWidth = indexType.byteWidth();
            long addressable = indexType.bitWidth() == 64 ? Long.MAX_VALUE
                    : (indexType.signed() ? 1L << (indexType.bitWidth() - 1) : 1L << indexType.bitWidth());
            this.maxEntries = Math.min(addressable, Integer.MAX_VALUE);
        }

        /**
         * Appends {@code value}: the index of its entry, added to the dictionary if new; null
         * appends a null slot.
         *
         * @throws IllegalArgumentException if the value does not fit the value type, or is not in a fixed dictionary
         * @throws IllegalStateException if the dictionary is full for the index type
         */
        public Builder append(Object value) {
            if (value == null) {
                return appendNull();
            }
            checkAppend();
            return appendIndex(dictionary.indexOf(value, maxEntries));
        }

        /**
         * Adds {@code value} to the dictionary if it is not there yet (null adds a null entry),
         * without appending a slot.
         *
         * @return the value's index in the dictionary
         */
        public int addDictionaryValue(Object value) {
            checkOpen();
            return dictionary.indexOf(value, maxEntries);
        }

        /** The number of values in the dictionary so far. */
        public int dictionaryLength() {
            return dictionary.length();
        }

        /**
         * Appends a slot pointing at dictionary entry {@code index}.
         *
         * @throws IndexOutOfBoundsException if there is no such entry yet
         */
        public Builder appendIndex(long index) {
            if (index < 0 || index >= dictionary.length()) {
                throw new IndexOutOfBoundsException("index=" + index + " dictionaryLength=" + dictionary.length());
            }
            checkAppend();
            switch (indexWidth) {
                case 1 -> indices.appendByte((byte) index);
                case 2 -> indices.appendShort((short) index);
                case 4 -> indices.appendInt((int) index);
                default -> indices.appendLong(index);
            }
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            indices.appendZeros(indexWidth);
            markNull();
            return this;
        }

        /** The same as {@link #append(Object)}. */
        @Override
        public Builder appendObject(Object value) {
            return append(value);
        }

        @Override
        public DictionaryArray build() {
            return (DictionaryArray) super.build();
        }

        @Override
        public DictionaryArray build(List<MemoryBlock> owner) {
            return (DictionaryArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            dictionary.checkComplete();
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            MemorySegment[] buffers = {bitmap, indices.finish(owner)};
            ArrayData values = dictionary.build(owner);
            return new ArrayData(type, length, 0, nulls, buffers, List.of(), values);
        }

        @Override
        void releaseBuffers() {
            indices.close();
            dictionary.detach();
        }

        @Override
        void appendFiller() {
            checkAppend();
            appendIndex(dictionary.fillerIndex(maxEntries));
        }

        @Override
        boolean accepts(Object value) {
            return dictionary.accepts(value);
        }
    }
}
