package dev.lightstream.integration;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.util.List;

/** Walking and rebuilding nested types, seeing through extensions and dictionaries. */
final class Types {
    private Types() {}

    /** The type without its extension wrappers. */
    static DataType storage(DataType type) {
        while (type instanceof DataType.Extension e) {
            type = e.storage();
        }
        return type;
    }

    /** The dictionary type under any extensions, or null when the type is not dictionary-encoded. */
    static DataType.Dictionary dictionary(DataType type) {
        return storage(type) instanceof DataType.Dictionary d ? d : null;
    }

    /**
     * The type whose layout the values have: the storage of an extension, the value type of a
     * dictionary (itself without extensions).
     */
    static DataType values(DataType type) {
        DataType storage = storage(type);
        return storage instanceof DataType.Dictionary d ? storage(d.valueType()) : storage;
    }

    /** The child fields of the values (those of a dictionary's value type for a dictionary). */
    static List<Field> valueChildren(DataType type) {
        return values(type).children();
    }

    /** {@code type} with its value children replaced, the rest unchanged. */
    static DataType withValueChildren(DataType type, List<Field> children) {
        return switch (type) {
            case DataType.Extension e -> new DataType.Extension(e.name(), withValueChildren(e.storage(), children), e.metadata());
            case DataType.Dictionary d -> new DataType.Dictionary(d.indexType(),
                    withValueChildren(d.valueType(), children), d.ordered());
            case DataType.List l -> new DataType.List(children.getFirst());
            case DataType.LargeList l -> new DataType.LargeList(children.getFirst());
            case DataType.ListView l -> new DataType.ListView(children.getFirst());
            case DataType.LargeListView l -> new DataType.LargeListView(children.getFirst());
            case DataType.FixedSizeList f -> new DataType.FixedSizeList(children.getFirst(), f.listSize());
            case DataType.Map m -> new DataType.Map(children.getFirst(), m.keysSorted());
            case DataType.Struct s -> new DataType.Struct(children);
            case DataType.Union u -> new DataType.Union(u.mode(), children, u.typeIds());
            case DataType.RunEndEncoded r -> new DataType.RunEndEncoded(children.get(0), children.get(1));
            default -> type;
        };
    }
}
