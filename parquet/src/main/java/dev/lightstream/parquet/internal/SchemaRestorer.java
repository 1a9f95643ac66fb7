package dev.lightstream.parquet.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores the Arrow types of a file's {@code ARROW:schema} on the batches read from its Parquet
 * types: a field whose stored type maps to exactly the type read (see docs/formats.md, the type
 * table) gets its stored type, nullability and metadata back. Time zones and durations only
 * relabel the arrays; other changes (large and view layouts, dictionaries, fixed-size lists, list
 * views, extensions, seconds, date64, narrow decimals...) rebuild the column value by value. A field
 * that does not match (a projected part of a struct, a file rewritten by another tool) keeps the
 * type read.
 */
public final class SchemaRestorer {
    private final Schema schema;
    /** Per column: null when the column is as read, else the type to rebuild or relabel it as. */
    private final DataType[] targets;
    private final boolean[] relabel;

    private SchemaRestorer(Schema schema, DataType[] targets, boolean[] relabel) {
        this.schema = schema;
        this.targets = targets;
        this.relabel = relabel;
    }

    /** The restorer of batches of {@code read} from a file that stored {@code stored}. */
    public static SchemaRestorer of(Schema read, Schema stored) {
        Map<String, Field> byName = new HashMap<>();
        for (Field field : stored.fields()) {
            if (byName.put(field.name(), field) != null) {
                byName.put(field.name(), null); // ambiguous: leave such fields as read
            }
        }
        List<Field> fields = new ArrayList<>();
        DataType[] targets = new DataType[read.size()];
        boolean[] relabel = new boolean[read.size()];
        for (int i = 0; i < read.size(); i++) {
            Field actual = read.field(i);
            Field original = byName.get(actual.name());
            if (original == null || !readField(original).equals(actual)) {
                fields.add(actual);
                continue;
            }
            fields.add(original);
            if (!original.type().equals(actual.type())) {
                targets[i] = original.type();
                relabel[i] = relabels(actual.type(), original.type());
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>(stored.metadata());
        read.metadata().forEach((k, v) -> {
            if (!k.equals(ArrowSchemaMetadata.KEY)) {
                metadata.put(k, v);
            }
        });
        return new SchemaRestorer(new Schema(fields, metadata), targets, relabel);
    }

    public Schema schema() {
        return schema;
    }

    /** {@code batch} with the restored types; takes over the batch (closes it when it returns another). */
    public RecordBatch restore(RecordBatch batch, BufferAllocator allocator) {
        List<MemoryBlock> blocks = new ArrayList<>();
        List<Array> columns = new ArrayList<>(batch.columnCount());
        try {
            for (int c = 0; c < batch.columnCount(); c++) {
                Array column = batch.column(c);
                DataType target = targets[c];
                if (target == null) {
                    columns.add(column);
                } else if (relabel[c]) {
                    columns.add(Array.of(column.data().withType(target)));
                } else {
                    columns.add(rebuild(column, target, allocator, blocks));
                }
            }
            for (MemoryBlock block : batch.blocks()) {
                block.retain();
                blocks.add(block);
            }
            RecordBatch restored = RecordBatch.of(schema, batch.rowCount(), columns, blocks);
            batch.close();
            return restored;
        } catch (RuntimeException e) {
            blocks.forEach(MemoryBlock::release);
            batch.close();
            throw e;
        }
    }

    private static Array rebuild(Array column, DataType target, BufferAllocator allocator, List<MemoryBlock> owner) {
        try (ArrayBuilder builder = ArrayBuilder.of(allocator, target)) {
            for (int i = 0; i < column.length(); i++) {
                Object value = value(column.getObject(i), target);
                if (value == null) {
                    builder.appendNull();
                } else {
                    builder.appendObject(value);
                }
            }
            return builder.build(owner);
        }
    }

    /** Same buffers, another label: a time zone's name, int64 as a duration. */
    private static boolean relabels(DataType read, DataType target) {
        return read instanceof DataType.Timestamp r && target instanceof DataType.Timestamp t && r.unit() == t.unit()
                || read instanceof DataType.Int i && i.bitWidth() == 64 && i.signed() && target instanceof DataType.Duration;
    }

    /** A value read (as {@link Array#getObject} gives it) in the shape {@code target}'s builder takes. */
    static Object value(Object value, DataType target) {
        if (value == null) {
            return null;
        }
        return switch (target) {
            case DataType.Dictionary d -> value(value, d.valueType());
            case DataType.RunEndEncoded r -> value(value, r.values().type());
            case DataType.Extension e -> value(value, e.storage());
            case DataType.Date d when d.bitWidth() == 64 -> ((Number) value).longValue() * 86_400_000L;
            case DataType.Time t when t.unit() == TimeUnit.SECOND -> Math.floorDiv(((Number) value).intValue(), 1000);
            case DataType.Timestamp t when t.unit() == TimeUnit.SECOND -> Math.floorDiv(((Number) value).longValue(), 1000L);
            case DataType.List l -> list(value, l.element().type());
            case DataType.LargeList l -> list(value, l.element().type());
            case DataType.FixedSizeList l -> list(value, l.element().type());
            case DataType.ListView l -> list(value, l.element().type());
            case DataType.LargeListView l -> list(value, l.element().type());
            case DataType.Struct s -> {
                Map<?, ?> read = (Map<?, ?>) value;
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field f : s.fields()) {
                    out.put(f.name(), value(read.get(f.name()), f.type()));
                }
                yield out;
            }
            case DataType.Map m -> {
                List<Object> out = new ArrayList<>();
                for (Object entry : (List<?>) value) {
                    Map.Entry<?, ?> e = ((Map<?, ?>) entry).entrySet().iterator().next();
                    out.add(Collections.singletonMap(value(e.getKey(), m.key().type()), value(e.getValue(),
                            m.value().type())));
                }
                yield out;
            }
            default -> value;
        };
    }

    private static List<Object> list(Object value, DataType element) {
        List<Object> out = new ArrayList<>();
        for (Object v : (List<?>) value) {
            out.add(value(v, element));
        }
        return out;
    }

    /** The field the reader derives from the Parquet node written for {@code written}. */
    static Field readField(Field written) {
        DataType type = readType(written.type());
        boolean nullable = written.nullable() || type instanceof DataType.Null;
        return new Field(written.name(), type, nullable, Map.of(), Field.NO_DICTIONARY_ID);
    }

    /** The type the reader derives from the Parquet type written for {@code written} (docs/formats.md). */
    static DataType readType(DataType written) {
        return switch (written) {
            case DataType.Dictionary d -> readType(d.valueType());
            case DataType.RunEndEncoded r -> readType(r.values().type());
            case DataType.Extension e when ParquetTypes.isUuid(e) -> e;
            case DataType.Extension e -> readType(e.storage());
            case DataType.LargeUtf8 u -> DataType.UTF8;
            case DataType.Utf8View u -> DataType.UTF8;
            case DataType.LargeBinary b -> DataType.BINARY;
            case DataType.BinaryView b -> DataType.BINARY;
            case DataType.List l -> new DataType.List(readField(l.element()).withName("item"));
            case DataType.LargeList l -> new DataType.List(readField(l.element()).withName("item"));
            case DataType.FixedSizeList l -> new DataType.List(readField(l.element()).withName("item"));
            case DataType.ListView l -> new DataType.List(readField(l.element()).withName("item"));
            case DataType.LargeListView l -> new DataType.List(readField(l.element()).withName("item"));
            case DataType.Struct s -> new DataType.Struct(s.fields().stream().map(SchemaRestorer::readField).toList());
            case DataType.Map m -> new DataType.Map(Field.of("entries", DataType.struct(
                    Field.of("key", readType(m.key().type())), readField(m.value()).withName("value"))), false);
            case DataType.Date d -> DataType.DATE32;
            case DataType.Time t when t.unit() == TimeUnit.SECOND -> DataType.time(TimeUnit.MILLISECOND);
            case DataType.Timestamp t -> DataType.timestamp(t.unit() == TimeUnit.SECOND ? TimeUnit.MILLISECOND : t.unit(),
                    t.timezone() == null ? null : "UTC");
            case DataType.Duration d -> DataType.INT64;
            case DataType.Interval i -> DataType.interval(IntervalUnit.MONTH_DAY_NANO);
            case DataType.Decimal d -> DataType.decimal(d.precision(), d.scale(), d.precision() <= 38 ? 128 : 256);
            default -> written;
        };
    }
}
