package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;

/** An array of an extension type: its storage array, with the extension's name and metadata. */
public final class ExtensionArray extends Array {
    private final Array storage;

    ExtensionArray(ArrayData data) {
        super(data);
        this.storage = Array.of(data.withType(((DataType.Extension) data.type()).storage()));
    }

    public DataType.Extension extensionType() {
        return (DataType.Extension) type();
    }

    /** The same data as an array of the storage type. */
    public Array storage() {
        return storage;
    }

    @Override
    public boolean isNull(int index) {
        return storage.isNull(index);
    }

    @Override
    public Object getObject(int index) {
        return storage.getObject(index);
    }

    /**
     * A builder of {@code type}, which builds its storage with {@link Builder#storage()}.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.Extension}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Extension)) {
            throw new IllegalArgumentException(type + " is not an extension type");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link ExtensionArray}s: values go to the {@link #storage()} builder (or through
     * {@link #appendObject}, which passes them on), and the built array carries the extension type.
     *
     * {@snippet :
     * DataType uuid = DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), "");
     * ExtensionArray.Builder ids = ExtensionArray.builder(allocator, uuid);
     * ids.storage().as(FixedSizeBinaryArray.Builder.class).append(new byte[16]);
     * ExtensionArray array = ids.build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final ArrayBuilder storage;

        Builder(BufferAllocator allocator, DataType.Extension type, long dictionaryId, DictionaryScope scope) {
            super(allocator, type, false);
            this.storage = ArrayBuilder.create(allocator, type.storage(), dictionaryId, scope);
        }

        /** The builder of the storage array. */
        public ArrayBuilder storage() {
            return storage;
        }

        @Override
        public int length() {
            return storage.length();
        }

        @Override
        public int nullCount() {
            return storage.nullCount();
        }

        @Override
        public Builder appendNull() {
            checkOpen();
            storage.appendNull();
            return this;
        }

        @Override
        public Builder appendObject(Object value) {
            checkOpen();
            storage.appendObject(value);
            return this;
        }

        @Override
        public ExtensionArray build() {
            return (ExtensionArray) super.build();
        }

        @Override
        public ExtensionArray build(java.util.List<MemoryBlock> owner) {
            return (ExtensionArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            storage.checkComplete();
        }

        @Override
        ArrayData finish(java.util.List<MemoryBlock> owner) {
            return storage.take(owner).withType(type);
        }

        @Override
        void releaseBuffers() {
            storage.close();
        }

        @Override
        void appendFiller() {
            storage.appendFiller();
        }

        @Override
        boolean accepts(Object value) {
            return storage.accepts(value);
        }
    }
}
