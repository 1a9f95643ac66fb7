package dev.lightstream.array;

import dev.lightstream.schema.DataType;

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
}
