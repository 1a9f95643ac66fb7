package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.lang.foreign.MemorySegment;
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

    /**
     * A builder of {@code type}, with a builder per field.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.Struct}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Struct)) {
            throw new IllegalArgumentException(type + " is not a struct type");
        }
        return (Builder) ArrayBuilder.of(allocator, type);
    }

    /**
     * Builds {@link StructArray}s: {@link #startStruct()}, one value appended to each
     * {@link #field(int)} builder, {@link #endStruct()}. A null slot appends a null to every
     * nullable field and a placeholder value to the others.
     *
     * {@snippet :
     * StructArray.Builder points = StructArray.builder(allocator, DataType.struct(
     *         Field.of("x", DataType.FLOAT64), Field.of("y", DataType.FLOAT64)));
     * points.startStruct();
     * points.field("x").as(Float64Array.Builder.class).append(1.5);
     * points.field("y").as(Float64Array.Builder.class).append(-2.0);
     * points.endStruct().appendNull();
     * points.appendObject(Map.of("x", 0.0, "y", 0.0));
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final List<Field> schema;
        private final List<ArrayBuilder> fields;
        private boolean open;

        Builder(BufferAllocator allocator, DataType.Struct type, DictionaryScope scope) {
            super(allocator, type, true);
            this.schema = type.fields();
            List<ArrayBuilder> children = new ArrayList<>(schema.size());
            try {
                for (Field field : schema) {
                    children.add(ArrayBuilder.forField(allocator, field, scope));
                }
            } catch (RuntimeException e) {
                children.forEach(ArrayBuilder::close);
                throw e;
            }
            this.fields = Collections.unmodifiableList(children);
        }

        public int fieldCount() {
            return fields.size();
        }

        /** The builder of field {@code i}. */
        public ArrayBuilder field(int i) {
            return fields.get(i);
        }

        /**
         * The builder of the first field named {@code name}.
         *
         * @throws IllegalArgumentException if there is none
         */
        public ArrayBuilder field(String name) {
            for (int i = 0; i < schema.size(); i++) {
                if (schema.get(i).name().equals(name)) {
                    return fields.get(i);
                }
            }
            throw new IllegalArgumentException("no field named '" + name + "' in " + type);
        }

        /** Opens a slot: append one value to each field builder, then {@link #endStruct()}. */
        public Builder startStruct() {
            checkAppend();
            checkClosedSlot();
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).length() != length) {
                    throw new IllegalStateException("field " + i + " '" + schema.get(i).name() + "' has "
                            + fields.get(i).length() + " values outside a struct slot, expected " + length);
                }
            }
            open = true;
            return this;
        }

        /**
         * Closes the slot opened by {@link #startStruct()}.
         *
         * @throws IllegalStateException if a field did not get exactly one value
         */
        public Builder endStruct() {
            if (!open) {
                throw new IllegalStateException("no struct slot is open");
            }
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).length() != length + 1) {
                    throw new IllegalStateException("field " + i + " '" + schema.get(i).name() + "' got "
                            + (fields.get(i).length() - length) + " values for one struct slot");
                }
            }
            open = false;
            markValid();
            return this;
        }

        private void checkClosedSlot() {
            if (open) {
                throw new IllegalStateException("a struct slot is open");
            }
        }

        @Override
        public Builder appendNull() {
            startStruct();
            open = false;
            for (int i = 0; i < fields.size(); i++) {
                appendAbsent(fields.get(i), schema.get(i));
            }
            markNull();
            return this;
        }

        /**
         * Takes a {@link Map} of field name to value (a missing name is null) or a {@link List} of
         * values in field order.
         */
        @Override
        public Builder appendObject(Object value) {
            switch (value) {
                case null -> {
                    return appendNull();
                }
                case Map<?, ?> map -> {
                    for (Object key : map.keySet()) {
                        if (!(key instanceof String name) || schema.stream().noneMatch(f -> f.name().equals(name))) {
                            throw new IllegalArgumentException("no field named '" + key + "' in " + type);
                        }
                    }
                    startStruct();
                    for (int i = 0; i < fields.size(); i++) {
                        fields.get(i).appendObject(map.get(schema.get(i).name()));
                    }
                }
                case List<?> list -> {
                    if (list.size() != fields.size()) {
                        throw new IllegalArgumentException(list.size() + " values for the " + fields.size()
                                + " fields of " + type);
                    }
                    startStruct();
                    for (int i = 0; i < fields.size(); i++) {
                        fields.get(i).appendObject(list.get(i));
                    }
                }
                default -> throw cannotAppend(value);
            }
            return endStruct();
        }

        @Override
        public StructArray build() {
            return (StructArray) super.build();
        }

        @Override
        public StructArray build(List<MemoryBlock> owner) {
            return (StructArray) super.build(owner);
        }

        @Override
        void checkComplete() {
            checkClosedSlot();
            for (ArrayBuilder field : fields) {
                field.checkComplete();
            }
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            List<ArrayData> children = new ArrayList<>(fields.size());
            for (ArrayBuilder field : fields) {
                children.add(field.take(owner));
            }
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap}, children, null);
        }

        @Override
        void releaseBuffers() {
            fields.forEach(ArrayBuilder::close);
            open = false;
        }

        @Override
        void appendFiller() {
            startStruct();
            for (ArrayBuilder field : fields) {
                field.appendFiller();
            }
            endStruct();
        }

        @Override
        boolean accepts(Object value) {
            if (value instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    if (!(key instanceof String name) || schema.stream().noneMatch(f -> f.name().equals(name))) {
                        return false;
                    }
                }
                for (int i = 0; i < fields.size(); i++) {
                    if (!acceptsOrNull(fields.get(i), map.get(schema.get(i).name()))) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
