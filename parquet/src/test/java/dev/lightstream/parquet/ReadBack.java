package dev.lightstream.parquet;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented mapping of docs/formats.md, as the tests check it: the Arrow type and value that a
 * Parquet round trip gives back for each written type and value.
 */
final class ReadBack {
    private ReadBack() {}

    static Schema schema(Schema written) {
        List<Field> fields = new ArrayList<>();
        for (Field f : written.fields()) {
            fields.add(field(f));
        }
        return Schema.of(fields);
    }

    static Field field(Field written) {
        DataType type = type(written.type());
        boolean nullable = written.nullable() || type instanceof DataType.Null;
        return new Field(written.name(), type, nullable, Map.of(), Field.NO_DICTIONARY_ID);
    }

    static DataType type(DataType t) {
        return switch (t) {
            case DataType.Dictionary d -> type(d.valueType());
            case DataType.RunEndEncoded r -> type(r.values().type());
            case DataType.Extension e when e.name().equals("arrow.uuid") -> e;
            case DataType.Extension e -> type(e.storage());
            case DataType.LargeUtf8 u -> DataType.UTF8;
            case DataType.Utf8View u -> DataType.UTF8;
            case DataType.LargeBinary b -> DataType.BINARY;
            case DataType.BinaryView b -> DataType.BINARY;
            case DataType.List l -> new DataType.List(field(l.element()).withName("item"));
            case DataType.LargeList l -> new DataType.List(field(l.element()).withName("item"));
            case DataType.FixedSizeList l -> new DataType.List(field(l.element()).withName("item"));
            case DataType.ListView l -> new DataType.List(field(l.element()).withName("item"));
            case DataType.LargeListView l -> new DataType.List(field(l.element()).withName("item"));
            case DataType.Struct s -> new DataType.Struct(s.fields().stream().map(ReadBack::field).toList());
            case DataType.Map m -> new DataType.Map(Field.of("entries", DataType.struct(
                    Field.of("key", type(m.key().type())), field(m.value()).withName("value"))), false);
            case DataType.Date d -> DataType.DATE32;
            case DataType.Time x when x.unit() == TimeUnit.SECOND -> DataType.time(TimeUnit.MILLISECOND);
            case DataType.Timestamp x -> DataType.timestamp(
                    x.unit() == TimeUnit.SECOND ? TimeUnit.MILLISECOND : x.unit(), x.timezone() == null ? null : "UTC");
            case DataType.Duration d -> DataType.INT64;
            case DataType.Interval i -> DataType.interval(IntervalUnit.MONTH_DAY_NANO);
            case DataType.Decimal d -> DataType.decimal(d.precision(), d.scale(), d.precision() <= 38 ? 128 : 256);
            default -> t;
        };
    }

    /** The value read back for {@code value} (as getObject gives it) of written type {@code t}, normalized. */
    static Object value(DataType t, Object value) {
        return normalize(valueOf(t, value));
    }

    private static Object valueOf(DataType t, Object value) {
        if (value == null) {
            return null;
        }
        return switch (t) {
            case DataType.Dictionary d -> value(d.valueType(), value);
            case DataType.RunEndEncoded r -> value(r.values().type(), value);
            case DataType.Extension e -> value(e.storage(), value);
            case DataType.List l -> list(l.element().type(), value);
            case DataType.LargeList l -> list(l.element().type(), value);
            case DataType.FixedSizeList l -> list(l.element().type(), value);
            case DataType.ListView l -> list(l.element().type(), value);
            case DataType.LargeListView l -> list(l.element().type(), value);
            case DataType.Struct s -> {
                Map<?, ?> map = (Map<?, ?>) value;
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field f : s.fields()) {
                    out.put(f.name(), value(f.type(), map.get(f.name())));
                }
                yield out;
            }
            case DataType.Map m -> {
                List<Object> out = new ArrayList<>();
                for (Object entry : (List<?>) value) {
                    Map.Entry<?, ?> e = ((Map<?, ?>) entry).entrySet().iterator().next();
                    out.add(Map.of("k", String.valueOf(value(m.key().type(), e.getKey())),
                            "v", String.valueOf(value(m.value().type(), e.getValue()))));
                }
                yield out;
            }
            case DataType.Date d when d.bitWidth() == 64 -> (int) Math.floorDiv((Long) value, 86_400_000L);
            case DataType.Time x when x.unit() == TimeUnit.SECOND -> ((Integer) value) * 1000;
            case DataType.Timestamp x when x.unit() == TimeUnit.SECOND -> Math.multiplyExact((Long) value, 1000L);
            case DataType.Interval i -> {
                Map<?, ?> m = (Map<?, ?>) value;
                long nanos = m.containsKey("nanoseconds") ? ((Number) m.get("nanoseconds")).longValue()
                        : m.containsKey("milliseconds") ? ((Number) m.get("milliseconds")).longValue() * 1_000_000L : 0;
                yield Map.of("months", number(m.get("months")), "days", number(m.get("days")), "nanoseconds", nanos);
            }
            default -> normalize(value);
        };
    }

    private static int number(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    private static List<Object> list(DataType element, Object value) {
        List<Object> out = new ArrayList<>();
        for (Object v : (List<?>) value) {
            out.add(value(element, v));
        }
        return out;
    }

    /** byte arrays as hex text (so that equals compares content), maps and lists recursively. */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] b -> "0x" + HexFormat.of().formatHex(b);
            // Integers compare by value, whatever box a reader chose (uint8 as Short or Integer...).
            case Byte b -> b.longValue();
            case Short b -> b.longValue();
            case Integer b -> b.longValue();
            case java.math.BigInteger b when b.bitLength() < 64 -> b.longValue();
            case List<?> l -> l.stream().map(ReadBack::normalize).toList();
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(normalize(k), normalize(v)));
                yield out;
            }
            default -> value;
        };
    }

    /** Rows of normalized values as read (actual side). */
    static List<List<Object>> rows(RecordBatch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < batch.columnCount(); c++) {
                Array column = batch.column(c);
                row.add(value(column.type(), column.getObject(r)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Rows of the values expected back from {@code written} (expected side). */
    static List<List<Object>> expectedRows(RecordBatch written) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < written.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < written.columnCount(); c++) {
                Array column = written.column(c);
                row.add(value(column.type(), column.getObject(r)));
            }
            rows.add(row);
        }
        return rows;
    }
}
