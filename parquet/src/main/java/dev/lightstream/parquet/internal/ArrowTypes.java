package dev.lightstream.parquet.internal;

import dev.lightstream.parquet.InvalidParquetException;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The Arrow types restored from a Parquet schema: each Parquet logical type to the Arrow type it
 * stands for (see docs/formats.md), LIST groups to lists (three-level, and the two-level forms of
 * the spec's backward-compatibility rules), MAP groups to maps, other groups to structs. OPTIONAL
 * nodes are nullable fields, REQUIRED ones are not.
 */
public final class ArrowTypes {
    private ArrowTypes() {}

    /**
     * The Arrow schema of {@code parquet}, with {@code metadata} as its metadata.
     *
     * @throws InvalidParquetException if a node has no Arrow type (a repeated field outside a LIST
     *     group, an annotation on the wrong physical type, a decimal wider than 76 digits...)
     */
    public static Schema toArrow(MessageType parquet, Map<String, String> metadata) throws InvalidParquetException {
        List<Field> fields = new ArrayList<>();
        for (Type field : parquet.getFields()) {
            fields.add(field(field, field.getName()));
        }
        return new Schema(fields, metadata);
    }

    static Field field(Type type, String path) throws InvalidParquetException {
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            throw new InvalidParquetException("column '" + path
                    + "' is a repeated field outside a LIST group, which this reader does not support");
        }
        boolean nullable = type.isRepetition(Type.Repetition.OPTIONAL);
        return new Field(type.getName(), dataType(type, path), nullable, Map.of(), Field.NO_DICTIONARY_ID);
    }

    static DataType dataType(Type type, String path) throws InvalidParquetException {
        if (type.isPrimitive()) {
            return primitive(type.asPrimitiveType(), path);
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            ListShape shape = ListShape.of(group, path);
            Field element = shape.elementField(path);
            return new DataType.List(element.withName("item"));
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            GroupType keyValue = mapKeyValue(group, path);
            Type keyType = keyValue.getType(0);
            DataType key = dataType(keyType, path + "." + keyType.getName());
            Field value;
            if (keyValue.getFieldCount() == 2) {
                Type valueType = keyValue.getType(1);
                value = field(valueType, path + "." + valueType.getName()).withName("value");
            } else {
                // A map without values (a set, in old writers): values are all null.
                value = Field.nullable("value", DataType.NULL);
            }
            Field entries = Field.of("entries", DataType.struct(Field.of("key", key), value));
            return new DataType.Map(entries, false);
        }
        List<Field> children = new ArrayList<>();
        for (Type child : group.getFields()) {
            children.add(field(child, path + "." + child.getName()));
        }
        return new DataType.Struct(children);
    }

    static GroupType mapKeyValue(GroupType map, String path) throws InvalidParquetException {
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive()
                || !map.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw new InvalidParquetException("map column '" + path + "' does not hold one repeated key-value group");
        }
        GroupType keyValue = map.getType(0).asGroupType();
        if (keyValue.getFieldCount() < 1 || keyValue.getFieldCount() > 2) {
            throw new InvalidParquetException("map column '" + path + "' has " + keyValue.getFieldCount()
                    + " fields in its key-value group, expected a key and a value");
        }
        return keyValue;
    }

    /** The shape of a LIST group: which node is the repeated one and which the element. */
    record ListShape(Type repeated, Type element, boolean threeLevel) {
        static ListShape of(GroupType list, String path) throws InvalidParquetException {
            if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
                throw new InvalidParquetException("list column '" + path + "' does not hold one repeated field");
            }
            Type repeated = list.getType(0);
            // The backward-compatibility rules of the LIST spec: a repeated primitive, a repeated
            // group of several fields, or one named "array" or "<list>_tuple", is the element itself.
            if (repeated.isPrimitive()) {
                return new ListShape(repeated, repeated, false);
            }
            GroupType group = repeated.asGroupType();
            if (group.getFieldCount() != 1 || group.getName().equals("array")
                    || group.getName().equals(list.getName() + "_tuple")) {
                return new ListShape(repeated, repeated, false);
            }
            return new ListShape(repeated, group.getType(0), true);
        }

        Field elementField(String path) throws InvalidParquetException {
            String elementPath = path + "." + repeated.getName() + (threeLevel ? "." + element.getName() : "");
            if (threeLevel) {
                return field(element, elementPath);
            }
            // A two-level element is the repeated node: present whenever the list has an element.
            return new Field(element.getName(), dataType(element, elementPath), false, Map.of(), Field.NO_DICTIONARY_ID);
        }
    }

    private static DataType primitive(PrimitiveType type, String path) throws InvalidParquetException {
        LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
        DataType result = switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> a == null ? DataType.BOOL : null;
            case INT32 -> switch (a) {
                case null -> DataType.INT32;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i when i.getBitWidth() <= 32 ->
                        new DataType.Int(i.getBitWidth(), i.isSigned());
                case LogicalTypeAnnotation.DateLogicalTypeAnnotation d -> DataType.DATE32;
                case LogicalTypeAnnotation.TimeLogicalTypeAnnotation t
                        when t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS -> DataType.time(TimeUnit.MILLISECOND);
                case LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d -> decimal(d, path);
                case LogicalTypeAnnotation.UnknownLogicalTypeAnnotation u -> DataType.NULL;
                default -> null;
            };
            case INT64 -> switch (a) {
                case null -> DataType.INT64;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i -> i.isSigned() ? DataType.INT64 : DataType.UINT64;
                case LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t ->
                        DataType.timestamp(unit(t.getUnit()), t.isAdjustedToUTC() ? "UTC" : null);
                case LogicalTypeAnnotation.TimeLogicalTypeAnnotation t
                        when t.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS -> DataType.time(unit(t.getUnit()));
                case LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d -> decimal(d, path);
                case LogicalTypeAnnotation.UnknownLogicalTypeAnnotation u -> DataType.NULL;
                default -> null;
            };
            case INT96 -> a == null ? DataType.timestamp(TimeUnit.NANOSECOND, null) : null;
            case FLOAT -> a == null ? DataType.FLOAT32 : null;
            case DOUBLE -> a == null ? DataType.FLOAT64 : null;
            case BINARY -> switch (a) {
                case null -> DataType.BINARY;
                case LogicalTypeAnnotation.StringLogicalTypeAnnotation s -> DataType.UTF8;
                case LogicalTypeAnnotation.EnumLogicalTypeAnnotation e -> DataType.UTF8;
                case LogicalTypeAnnotation.JsonLogicalTypeAnnotation j -> DataType.UTF8;
                case LogicalTypeAnnotation.BsonLogicalTypeAnnotation b -> DataType.BINARY;
                case LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d -> decimal(d, path);
                default -> DataType.BINARY;
            };
            case FIXED_LEN_BYTE_ARRAY -> {
                int width = type.getTypeLength();
                yield switch (a) {
                    case null -> DataType.fixedSizeBinary(width);
                    case LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d -> decimal(d, path);
                    case LogicalTypeAnnotation.Float16LogicalTypeAnnotation f when width == 2 -> DataType.FLOAT16;
                    case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation u when width == 16 ->
                            DataType.extension(ParquetTypes.UUID_EXTENSION, DataType.fixedSizeBinary(16), "");
                    case LogicalTypeAnnotation.IntervalLogicalTypeAnnotation i when width == 12 ->
                            DataType.interval(IntervalUnit.MONTH_DAY_NANO);
                    default -> DataType.fixedSizeBinary(width);
                };
            }
        };
        if (result == null) {
            throw new InvalidParquetException("column '" + path + "': " + type.getPrimitiveTypeName()
                    + " annotated " + a + " has no Arrow type here");
        }
        return result;
    }

    private static DataType decimal(LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d, String path)
            throws InvalidParquetException {
        int precision = d.getPrecision();
        if (precision < 1 || precision > 76 || d.getScale() < 0 || d.getScale() > precision) {
            throw new InvalidParquetException("column '" + path + "': decimal(" + precision + ", " + d.getScale()
                    + ") is outside what Arrow holds (precision 1..76, 0 <= scale <= precision)");
        }
        return DataType.decimal(precision, d.getScale(), precision <= 38 ? 128 : 256);
    }

    private static TimeUnit unit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLISECOND;
            case MICROS -> TimeUnit.MICROSECOND;
            case NANOS -> TimeUnit.NANOSECOND;
        };
    }
}
