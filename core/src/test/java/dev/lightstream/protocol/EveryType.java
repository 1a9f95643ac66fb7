package dev.lightstream.protocol;

import dev.lightstream.fixtures.RandomData;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A schema holding every type of the model: the first {@link RandomData} schema, from a fixed
 * starting seed, whose type trees use every {@link DataType} record. Found by search, so it stays
 * complete if the generator changes.
 */
final class EveryType {
    static final int MAX_FIELDS = 24;
    static final int MAX_DEPTH = 2;

    private static final long SEED = findSeed();

    private EveryType() {}

    /** The seed of the schema. */
    static long seed() {
        return SEED;
    }

    /** The schema (a new RandomData of {@link #seed()} draws it first). */
    static Schema schema() {
        return new RandomData(SEED).schema(MAX_FIELDS, MAX_DEPTH);
    }

    private static long findSeed() {
        for (long seed = 1000; seed < 100_000; seed++) {
            Schema schema = new RandomData(seed).schema(MAX_FIELDS, MAX_DEPTH);
            if (covers(schema)) {
                return seed;
            }
        }
        throw new AssertionError("no seed gives a schema with every type");
    }

    /** True when the schema's type trees use every DataType record. */
    static boolean covers(Schema schema) {
        Set<Class<?>> seen = new HashSet<>();
        for (Field field : schema.fields()) {
            walk(field.type(), seen);
        }
        return seen.containsAll(List.of(DataType.class.getPermittedSubclasses()));
    }

    private static void walk(DataType type, Set<Class<?>> seen) {
        seen.add(type.getClass());
        switch (type) {
            case DataType.Extension e -> walk(e.storage(), seen);
            case DataType.Dictionary d -> walk(d.valueType(), seen);
            default -> {
                for (Field child : type.children()) {
                    walk(child.type(), seen);
                }
            }
        }
    }
}
