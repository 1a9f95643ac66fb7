package dev.lightstream.array;

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
}
