package dev.lightstream.integration;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.DateUnit;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Precision;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import dev.lightstream.schema.UnionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the {@code schema} member of an integration JSON document into a {@link Schema}, and
 * collects the value type of every dictionary id the fields use.
 *
 * <p>A field with a {@code dictionary} member becomes a {@link DataType.Dictionary} of its
 * {@code type} (the value type) with the field's {@code dictionaryId}; field metadata
 * {@code ARROW:extension:name} and {@code ARROW:extension:metadata} turn the type into a
 * {@link DataType.Extension} and leave the field metadata.
 */
final class SchemaReader {
    static final String EXTENSION_NAME = "ARROW:extension:name";
    static final String EXTENSION_METADATA = "ARROW:extension:metadata";

    /** The schema and, for each dictionary id, the type of the dictionary's values. */
    record Result(Schema schema, Map<Long, DataType> dictionaryValueTypes) {}

    private final Map<Long, DataType> dictionaryValueTypes = new TreeMap<>();

    private SchemaReader() {}

    static Result read(JsonCursor schema) throws InvalidJsonException {
        SchemaReader reader = new SchemaReader();
        List<Field> fields = reader.fields(schema.member("fields"));
        Map<String, String> metadata = metadata(schema);
        return new Result(new Schema(fields, metadata), reader.dictionaryValueTypes);
    }

    private List<Field> fields(JsonCursor array) throws InvalidJsonException {
        List<Field> fields = new ArrayList<>();
        for (JsonCursor element : array.elements()) {
            fields.add(field(element));
        }
        return fields;
    }

    private Field field(JsonCursor json) throws InvalidJsonException {
        String name = json.member("name").string();
        boolean nullable = json.member("nullable").bool();
        JsonCursor childrenJson = json.optional("children");
        List<Field> children = childrenJson == null ? List.of() : fields(childrenJson);
        JsonCursor typeJson = json.member("type");
        DataType type = type(typeJson, children);
        Map<String, String> metadata = metadata(json);
        long dictionaryId = Field.NO_DICTIONARY_ID;

        JsonCursor dictionary = json.optional("dictionary");
        if (dictionary != null) {
            dictionaryId = dictionary.member("id").integer(0, Long.MAX_VALUE);
            JsonCursor indexJson = dictionary.member("indexType");
            if (!"int".equals(indexJson.member("name").string())) {
                throw indexJson.error("dictionary indices must be of type int");
            }
            DataType.Int indexType = intType(indexJson);
            JsonCursor orderedJson = dictionary.optional("isOrdered");
            boolean ordered = orderedJson != null && orderedJson.bool();
            DataType previous = dictionaryValueTypes.putIfAbsent(dictionaryId, type);
            if (previous != null && !previous.equals(type)) {
                throw dictionary.error("dictionary id " + dictionaryId + " holds " + previous
                        + " for another field but " + type + " here");
            }
            type = new DataType.Dictionary(indexType, type, ordered);
        }

        String extensionName = metadata.get(EXTENSION_NAME);
        if (extensionName != null) {
            String extensionMetadata = metadata.getOrDefault(EXTENSION_METADATA, "");
            metadata = new LinkedHashMap<>(metadata);
            metadata.remove(EXTENSION_NAME);
            metadata.remove(EXTENSION_METADATA);
            type = new DataType.Extension(extensionName, type, extensionMetadata);
        }
        return new Field(name, type, nullable, metadata, dictionaryId);
    }

    /** Custom metadata: absent, null, or a list of {@code {"key", "value"}} objects with distinct keys. */
    static Map<String, String> metadata(JsonCursor owner) throws InvalidJsonException {
        JsonCursor json = owner.optional("metadata");
        if (json == null) {
            return Map.of();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (JsonCursor entry : json.elements()) {
            String key = entry.member("key").string();
            String value = entry.member("value").string();
            if (metadata.putIfAbsent(key, value) != null) {
                // The format allows repeated keys; the model's map cannot hold them.
                throw entry.error("metadata key \"" + key + "\" appears twice");
            }
        }
        return metadata;
    }

    private static DataType type(JsonCursor json, List<Field> children) throws InvalidJsonException {
        String name = json.member("name").string();
        try {
            DataType type = switch (name) {
                case "null" -> DataType.NULL;
                case "bool" -> DataType.BOOL;
                case "int" -> intType(json);
                case "floatingpoint" -> new DataType.FloatingPoint(switch (json.member("precision").string()) {
                    case "HALF" -> Precision.HALF;
                    case "SINGLE" -> Precision.SINGLE;
                    case "DOUBLE" -> Precision.DOUBLE;
                    default -> throw json.errorAt("precision", "unknown precision " + json.member("precision").string());
                });
                case "utf8" -> DataType.UTF8;
                case "largeutf8" -> DataType.LARGE_UTF8;
                case "binary" -> DataType.BINARY;
                case "largebinary" -> DataType.LARGE_BINARY;
                case "utf8view" -> DataType.UTF8_VIEW;
                case "binaryview" -> DataType.BINARY_VIEW;
                case "fixedsizebinary" -> new DataType.FixedSizeBinary(json.member("byteWidth").nonNegativeInt());
                case "decimal", "decimal32", "decimal64", "decimal256" -> decimal(json, name);
                case "date" -> new DataType.Date(switch (json.member("unit").string()) {
                    case "DAY" -> DateUnit.DAY;
                    case "MILLISECOND" -> DateUnit.MILLISECOND;
                    default -> throw json.errorAt("unit", "unknown date unit " + json.member("unit").string());
                });
                case "time" -> {
                    TimeUnit unit = timeUnit(json);
                    JsonCursor bitWidth = json.optional("bitWidth");
                    yield bitWidth == null ? DataType.time(unit) : new DataType.Time(unit, bitWidth.intValue());
                }
                case "timestamp" -> {
                    JsonCursor zone = json.optional("timezone");
                    String timezone = zone == null || zone.string().isEmpty() ? null : zone.string();
                    yield new DataType.Timestamp(timeUnit(json), timezone);
                }
                case "duration" -> new DataType.Duration(timeUnit(json));
                case "interval" -> new DataType.Interval(switch (json.member("unit").string()) {
                    case "YEAR_MONTH" -> IntervalUnit.YEAR_MONTH;
                    case "DAY_TIME" -> IntervalUnit.DAY_TIME;
                    case "MONTH_DAY_NANO" -> IntervalUnit.MONTH_DAY_NANO;
                    default -> throw json.errorAt("unit", "unknown interval unit " + json.member("unit").string());
                });
                case "list" -> new DataType.List(only(json, name, children));
                case "largelist" -> new DataType.LargeList(only(json, name, children));
                case "listview" -> new DataType.ListView(only(json, name, children));
                case "largelistview" -> new DataType.LargeListView(only(json, name, children));
                case "fixedsizelist" -> new DataType.FixedSizeList(only(json, name, children),
                        json.member("listSize").nonNegativeInt());
                case "struct" -> new DataType.Struct(children);
                case "map" -> {
                    JsonCursor sorted = json.optional("keysSorted");
                    yield new DataType.Map(only(json, name, children), sorted != null && sorted.bool());
                }
                case "union" -> union(json, children);
                case "runendencoded" -> {
                    if (children.size() != 2) {
                        throw json.error("runendencoded needs 2 children (run_ends, values), got " + children.size());
                    }
                    yield new DataType.RunEndEncoded(children.get(0), children.get(1));
                }
                default -> throw json.errorAt("name", "unknown type name \"" + name + "\"");
            };
            if (!hasChildren(type) && !children.isEmpty()) {
                throw json.error("type " + name + " takes no children but " + children.size() + " were given");
            }
            return type;
        } catch (IllegalArgumentException e) {
            // The model's constructors check what the JSON may get wrong (precisions, type ids...).
            throw new InvalidJsonException(json.path(), e.getMessage(), e);
        }
    }

    private static boolean hasChildren(DataType type) {
        return type instanceof DataType.Struct || type instanceof DataType.Union || !type.children().isEmpty();
    }

    static DataType.Int intType(JsonCursor json) throws InvalidJsonException {
        int bitWidth = json.member("bitWidth").intValue();
        boolean signed = json.member("isSigned").bool();
        if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
            throw json.errorAt("bitWidth", "integer bitWidth " + bitWidth + " is not 8, 16, 32 or 64");
        }
        return new DataType.Int(bitWidth, signed);
    }

    private static DataType.Decimal decimal(JsonCursor json, String name) throws InvalidJsonException {
        int precision = json.member("precision").intValue();
        int scale = json.member("scale").intValue();
        int implied = switch (name) {
            case "decimal32" -> 32;
            case "decimal64" -> 64;
            case "decimal256" -> 256;
            default -> 128; // files before Arrow 4 have no bitWidth: they mean 128
        };
        JsonCursor bitWidthJson = json.optional("bitWidth");
        int bitWidth = bitWidthJson == null ? implied : bitWidthJson.intValue();
        if (!name.equals("decimal") && bitWidth != implied) {
            throw json.errorAt("bitWidth", name + " cannot have bitWidth " + bitWidth);
        }
        return new DataType.Decimal(precision, scale, bitWidth);
    }

    private static TimeUnit timeUnit(JsonCursor json) throws InvalidJsonException {
        String unit = json.member("unit").string();
        return switch (unit) {
            case "SECOND" -> TimeUnit.SECOND;
            case "MILLISECOND" -> TimeUnit.MILLISECOND;
            case "MICROSECOND" -> TimeUnit.MICROSECOND;
            case "NANOSECOND" -> TimeUnit.NANOSECOND;
            default -> throw json.errorAt("unit", "unknown time unit " + unit);
        };
    }

    private static Field only(JsonCursor json, String name, List<Field> children) throws InvalidJsonException {
        if (children.size() != 1) {
            throw json.error(name + " needs exactly one child, got " + children.size());
        }
        return children.getFirst();
    }

    private static DataType.Union union(JsonCursor json, List<Field> children) throws InvalidJsonException {
        UnionMode mode = switch (json.member("mode").string()) {
            case "SPARSE" -> UnionMode.SPARSE;
            case "DENSE" -> UnionMode.DENSE;
            default -> throw json.errorAt("mode", "unknown union mode " + json.member("mode").string());
        };
        JsonCursor idsJson = json.optional("typeIds");
        List<Integer> typeIds = new ArrayList<>();
        if (idsJson == null) {
            for (int i = 0; i < children.size(); i++) {
                typeIds.add(i);
            }
        } else {
            for (JsonCursor id : idsJson.elements()) {
                typeIds.add((int) id.integer(0, 127));
            }
        }
        return new DataType.Union(mode, children, typeIds);
    }
}
