package dev.lightstream.array;

import dev.lightstream.schema.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named children of the struct's length; slot {@code i} is slot {@code i} of every child. */
public final class StructArray extends Array {
    private final List<Array> fields;

    StructArray(ArrayData data) {
        super(data);
        List<Array> children = new ArrayList<>(data.children().size());
        for (ArrayData child : data.children()) {
            // The struct's offset applies to its children: present them already sliced.
            children.add(Array.of(child).slice(offset, length));
        }
        this.fields = Collections.unmodifiableList(children);
    }

    public int fieldCount() {
        return fields.size();
    }

    /** Child {@code i}, aligned with this array (slot {@code j} of the child belongs to slot {@code j}). */
    public Array field(int i) {
        return fields.get(i);
    }

    /** The children, aligned with this array. */
    public List<Array> fields() {
        return fields;
    }

    /** A map of field name to value, in field order (a later field of a repeated name wins). */
    @Override
    public Object getObject(int index) {
        if (isNull(index)) {
            return null;
        }
        List<Field> schema = type().children();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            map.put(schema.get(i).name(), fields.get(i).getObject(index));
        }
        return Collections.unmodifiableMap(map);
    }
}
