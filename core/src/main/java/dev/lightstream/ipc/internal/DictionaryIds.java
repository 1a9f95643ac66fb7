package dev.lightstream.ipc.internal;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dictionary ids of a schema: assigns ids to dictionary-encoded fields that have none, and finds
 * the field that defines each id.
 */
public final class DictionaryIds {
    private DictionaryIds() {}

    /** The type of a field with extensions peeled off: a dictionary shows as such. */
    public static DataType unwrap(DataType type) {
        while (type instanceof DataType.Extension e) {
            type = e.storage();
        }
        return type;
    }

    /**
     * {@code schema} with an id on every dictionary-encoded field: the field's own id when set,
     * else the lowest id not used by another field, in depth-first order.
     *
     * @throws IllegalArgumentException if fields that share an id have different value types
     */
    public static Schema assign(Schema schema) {
        Set<Long> used = new HashSet<>();
        collectIds(schema.fields(), used);
        long[] next = {0};
        List<Field> fields = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            fields.add(assign(f, used, next));
        }
        Schema result = new Schema(fields, schema.metadata());
        byId(result);
        return result;
    }

    private static void collectIds(List<Field> fields, Set<Long> used) {
        for (Field f : fields) {
            if (f.dictionaryId() >= 0 && unwrap(f.type()) instanceof DataType.Dictionary) {
                used.add(f.dictionaryId());
            }
            DataType t = unwrap(f.type());
            collectIds(t instanceof DataType.Dictionary d ? unwrap(d.valueType()).children() : t.children(), used);
        }
    }

    private static Field assign(Field field, Set<Long> used, long[] next) {
        DataType type = rebuild(field.type(), used, next);
        Field result = field.withType(type);
        if (unwrap(type) instanceof DataType.Dictionary && field.dictionaryId() < 0) {
            while (used.contains(next[0])) {
                next[0]++;
            }
            used.add(next[0]);
            result = result.withDictionaryId(next[0]);
        }
        return result;
    }

    /** The type with ids assigned inside its children. */
    private static DataType rebuild(DataType type, Set<Long> used, long[] next) {
        return switch (type) {
            case DataType.Extension e -> new DataType.Extension(e.name(), rebuild(e.storage(), used, next), e.metadata());
            case DataType.Dictionary d -> new DataType.Dictionary(d.indexType(), rebuild(d.valueType(), used, next), d.ordered());
            case DataType.List l -> new DataType.List(assign(l.element(), used, next));
            case DataType.LargeList l -> new DataType.LargeList(assign(l.element(), used, next));
            case DataType.ListView l -> new DataType.ListView(assign(l.element(), used, next));
            case DataType.LargeListView l -> new DataType.LargeListView(assign(l.element(), used, next));
            case DataType.FixedSizeList l -> new DataType.FixedSizeList(assign(l.element(), used, next), l.listSize());
            case DataType.Map m -> new DataType.Map(assign(m.entries(), used, next), m.keysSorted());
            case DataType.Struct s -> new DataType.Struct(s.fields().stream().map(f -> assign(f, used, next)).toList());
            case DataType.Union u -> new DataType.Union(u.mode(), u.fields().stream().map(f -> assign(f, used, next)).toList(), u.typeIds());
            case DataType.RunEndEncoded r -> new DataType.RunEndEncoded(assign(r.runEnds(), used, next), assign(r.values(), used, next));
            default -> type;
        };
    }

    /**
     * The dictionary-encoded field that defines each id, in depth-first order (a dictionary's
     * nested dictionary fields come after it).
     *
     * @throws IllegalArgumentException if a dictionary field has no id, or fields sharing an id
     *     have different value types
     */
    public static Map<Long, Field> byId(Schema schema) {
        Map<Long, Field> map = new LinkedHashMap<>();
        collect(schema.fields(), map);
        return map;
    }

    private static void collect(List<Field> fields, Map<Long, Field> map) {
        for (Field f : fields) {
            DataType t = unwrap(f.type());
            if (t instanceof DataType.Dictionary d) {
                if (f.dictionaryId() < 0) {
                    throw new IllegalArgumentException("dictionary field '" + f.name() + "' has no id");
                }
                Field previous = map.putIfAbsent(f.dictionaryId(), f);
                if (previous != null && !((DataType.Dictionary) unwrap(previous.type())).valueType().equals(d.valueType())) {
                    throw new IllegalArgumentException("fields '" + previous.name() + "' and '" + f.name()
                            + "' share dictionary id " + f.dictionaryId() + " but have value types "
                            + ((DataType.Dictionary) unwrap(previous.type())).valueType() + " and " + d.valueType());
                }
                collect(unwrap(d.valueType()).children(), map);
                if (unwrap(d.valueType()) instanceof DataType.Dictionary) {
                    throw new IllegalArgumentException("field '" + f.name() + "': a dictionary of dictionaries is not representable");
                }
            } else {
                collect(t.children(), map);
            }
        }
    }
}
