package dev.lightstream.parquet.internal;

import dev.lightstream.parquet.UnsupportedParquetTypeException;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The mapping of an Arrow schema to a Parquet schema, with the write plan of each field.
 *
 * <p>See docs/formats.md for the table; in short: integers, floats, bool, decimal, date, time,
 * timestamp, strings, binaries and fixed-size binaries map to their Parquet logical types; lists
 * (all four kinds) to three-level LIST groups, maps to MAP groups, structs to groups; dictionary and
 * run-end encoded arrays are written as their values; durations as plain INT64; the null type as
 * an all-null INT32 of logical type UNKNOWN; unions, intervals and empty structs are refused.
 */
public final class ParquetTypes {
    /** The extension name of Arrow's canonical UUID type, stored as Parquet UUID. */
    public static final String UUID_EXTENSION = "arrow.uuid";

    private ParquetTypes() {}

    /** The Parquet schema and the write plan of each top-level field. */
    public record Mapping(MessageType parquet, List<WriteNode> nodes) {}

    /**
     * Maps {@code schema}.
     *
     * @throws UnsupportedParquetTypeException naming the first field whose type Parquet cannot hold
     */
    public static Mapping toParquet(Schema schema) throws UnsupportedParquetTypeException {
        if (schema.fields().isEmpty()) {
            throw new UnsupportedParquetTypeException("", "a schema without fields has no Parquet representation");
        }
        checkDistinctNames(schema.fields(), "");
        List<Type> fields = new ArrayList<>();
        List<WriteNode> nodes = new ArrayList<>();
        for (Field field : schema.fields()) {
            Converted c = convert(field, field.name(), 0);
            fields.add(c.type);
            nodes.add(c.node);
        }
        return new Mapping(new MessageType("arrow_schema", fields), nodes);
    }

    /** Parquet addresses columns by their path of names: siblings must have distinct names. */
    private static void checkDistinctNames(List<Field> fields, String prefix) throws UnsupportedParquetTypeException {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Field field : fields) {
            if (!seen.add(field.name())) {
                throw new UnsupportedParquetTypeException(prefix + field.name(), "another field of the same parent has"
                        + " this name, and Parquet addresses columns by their path of names");
            }
        }
    }

    /** The bytes of a FIXED_LEN_BYTE_ARRAY big enough for any decimal of {@code precision} digits. */
    static int decimalByteWidth(int precision) {
        // The smallest n with 2^(8n-1) > 10^precision.
        int n = 1;
        while (Math.log10(2) * (8 * n - 1) < precision) {
            n++;
        }
        return n;
    }

    private record Converted(Type type, WriteNode node) {}

    private static Converted convert(Field field, String path, int repetitionLevel)
            throws UnsupportedParquetTypeException {
        Type.Repetition repetition = field.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        DataType type = unwrap(field.type());
        String name = field.name();
        switch (type) {
            case DataType.Struct s -> {
                if (s.fields().isEmpty()) {
                    throw new UnsupportedParquetTypeException(path, "a struct without fields has no Parquet representation");
                }
                checkDistinctNames(s.fields(), path + ".");
                List<Type> children = new ArrayList<>();
                List<WriteNode> nodes = new ArrayList<>();
                for (Field child : s.fields()) {
                    Converted c = convert(child, path + "." + child.name(), repetitionLevel);
                    children.add(c.type);
                    nodes.add(c.node);
                }
                return new Converted(new GroupType(repetition, name, children),
                        new WriteNode.Group(field, field.nullable(), nodes));
            }
            case DataType.Map m -> {
                Field entries = m.entries();
                Converted key = convert(m.key().withNullable(false), path + ".key", repetitionLevel + 1);
                Converted value = convert(m.value(), path + ".value", repetitionLevel + 1);
                GroupType keyValue = new GroupType(Type.Repetition.REPEATED, "key_value", key.type, value.type);
                GroupType map = Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType()).addField(keyValue).named(name);
                WriteNode entriesNode = new WriteNode.Group(entries, false, List.of(key.node, value.node));
                return new Converted(map, new WriteNode.Repeated(field, field.nullable(), entriesNode, repetitionLevel + 1));
            }
            default -> {}
        }
        Field element = switch (type) {
            case DataType.List l -> l.element();
            case DataType.LargeList l -> l.element();
            case DataType.FixedSizeList l -> l.element();
            case DataType.ListView l -> l.element();
            case DataType.LargeListView l -> l.element();
            default -> null;
        };
        if (element != null) {
            Converted c = convert(element.withName("element"), path + "." + element.name(), repetitionLevel + 1);
            GroupType list = new GroupType(Type.Repetition.REPEATED, "list", c.type);
            GroupType outer = Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType()).addField(list).named(name);
            return new Converted(outer, new WriteNode.Repeated(field, field.nullable(), c.node, repetitionLevel + 1));
        }
        PrimitiveType primitive = primitive(field.type(), type, repetition, name, path);
        LeafWriter writer = LeafWriter.of(type);
        if (writer == null) {
            throw new UnsupportedParquetTypeException(path, type + " has no Parquet representation");
        }
        // The null type is all nulls: an OPTIONAL column whatever the field says.
        boolean nullable = field.nullable() || type instanceof DataType.Null;
        return new Converted(primitive, new WriteNode.Leaf(field, nullable, writer));
    }

    /** The type whose values an array of {@code type} stands for: dictionary values, run values, extension storage. */
    static DataType unwrap(DataType type) {
        while (true) {
            switch (type) {
                case DataType.Dictionary d -> type = d.valueType();
                case DataType.RunEndEncoded r -> type = r.values().type();
                case DataType.Extension e when !isUuid(e) -> type = e.storage();
                default -> {
                    return type;
                }
            }
        }
    }

    static boolean isUuid(DataType type) {
        return type instanceof DataType.Extension e && e.name().equals(UUID_EXTENSION)
                && e.storage().equals(DataType.fixedSizeBinary(16));
    }

    private static PrimitiveType primitive(DataType declared, DataType type, Type.Repetition repetition, String name,
            String path) throws UnsupportedParquetTypeException {
        Types.PrimitiveBuilder<PrimitiveType> b = switch (type) {
            case DataType.Null n -> Types.primitive(PrimitiveTypeName.INT32, Type.Repetition.OPTIONAL)
                    .as(LogicalTypeAnnotation.unknownType());
            case DataType.Bool x -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case DataType.Int i when i.bitWidth() <= 32 -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(i.bitWidth(), i.signed()));
            case DataType.Int i -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.intType(64, i.signed()));
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(2)
                        .as(LogicalTypeAnnotation.float16Type());
                case SINGLE -> Types.primitive(PrimitiveTypeName.FLOAT, repetition);
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
            };
            case DataType.Decimal d -> {
                LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
                if (d.scale() < 0 || d.scale() > d.precision()) {
                    throw new UnsupportedParquetTypeException(path, type + ": Parquet decimals need 0 <= scale <= precision");
                }
                if (d.precision() <= 9) {
                    yield Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal);
                }
                if (d.precision() <= 18) {
                    yield Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal);
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                        .length(decimalByteWidth(d.precision())).as(decimal);
            }
            case DataType.Date d -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
            case DataType.Time t -> switch (t.unit()) {
                // Parquet has no seconds: time32[s] is written as milliseconds.
                case SECOND, MILLISECOND -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MILLIS));
                case MICROSECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
                case NANOSECOND -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.NANOS));
            };
            case DataType.Timestamp t -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(t.timezone() != null, parquetUnit(t.unit())));
            case DataType.Duration d -> Types.primitive(PrimitiveTypeName.INT64, repetition);
            // parquet-java 1.18.1 writes the INTERVAL converted type with the logical type UNKNOWN,
            // which readers (DuckDB) rightly take for an always-null column: refused, see docs/formats.md.
            case DataType.Interval i -> throw new UnsupportedParquetTypeException(path, type
                    + ": parquet-java writes INTERVAL as logical type UNKNOWN, which readers take for all nulls");
            case DataType.Utf8 u -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case DataType.LargeUtf8 u -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case DataType.Utf8View u -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case DataType.Binary x -> Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case DataType.LargeBinary x -> Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case DataType.BinaryView x -> Types.primitive(PrimitiveTypeName.BINARY, repetition);
            case DataType.FixedSizeBinary f -> {
                if (f.byteWidth() == 0) {
                    throw new UnsupportedParquetTypeException(path, "fixed_size_binary[0] has no Parquet representation");
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(f.byteWidth());
            }
            case DataType.Extension e when isUuid(e) -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(16).as(LogicalTypeAnnotation.uuidType());
            case DataType.Union u -> throw new UnsupportedParquetTypeException(path,
                    type + ": Parquet has no union type");
            default -> throw new UnsupportedParquetTypeException(path, declared + " has no Parquet representation");
        };
        return b.named(name);
    }

    static LogicalTypeAnnotation.TimeUnit parquetUnit(TimeUnit unit) {
        return switch (unit) {
            case SECOND, MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
            case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
            case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
        };
    }
}
