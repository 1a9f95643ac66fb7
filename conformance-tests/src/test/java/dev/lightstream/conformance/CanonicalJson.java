package dev.lightstream.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightstream.array.Array;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BinaryViewArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.ExtensionArray;
import dev.lightstream.array.FixedSizeBinaryArray;
import dev.lightstream.array.FixedSizeListArray;
import dev.lightstream.array.Float16Array;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int16Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.Int8Array;
import dev.lightstream.array.IntervalArray;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.ListViewArray;
import dev.lightstream.array.MapArray;
import dev.lightstream.array.NullArray;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.array.StructArray;
import dev.lightstream.array.UnionArray;
import dev.lightstream.integration.IntegrationData;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.TimeUnit;
import dev.lightstream.schema.UnionMode;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "canonical JSON" of a schema and its batches: a value-level form that
 * {@code conformance/js/dump.mjs} prints for what Arrow JS reads, built here from what Lightstream
 * reads, so that the two compare exactly. The form is described at the top of dump.mjs; the two
 * must change together.
 *
 * {@snippet :
 * JsonNode ours = CanonicalJson.of(json.data());
 * JsonNode theirs = new ObjectMapper().readTree(nodeOutput).get(0);
 * assert ours.equals(theirs);
 * }
 */
final class CanonicalJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private CanonicalJson() {}

    static ObjectNode of(IntegrationData data) {
        ObjectNode doc = NODES.objectNode();
        ObjectNode schema = doc.putObject("schema");
        ArrayNode fields = schema.putArray("fields");
        data.schema().fields().forEach(f -> fields.add(field(f)));
        schema.set("metadata", metadata(data.schema().metadata()));
        ArrayNode batches = doc.putArray("batches");
        for (RecordBatch batch : data.batches()) {
            ObjectNode b = batches.addObject();
            b.put("count", batch.rowCount());
            ArrayNode columns = b.putArray("columns");
            for (Array column : batch.columns()) {
                ArrayNode values = columns.addArray();
                for (int i = 0; i < column.length(); i++) {
                    values.add(value(column, i));
                }
            }
        }
        return doc;
    }

    private static ObjectNode metadata(Map<String, String> metadata) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(metadata).forEach(node::put);
        return node;
    }

    static ObjectNode field(Field f) {
        ObjectNode node = NODES.objectNode();
        node.put("name", f.name());
        node.put("nullable", f.nullable());
        Map<String, String> metadata = new TreeMap<>(f.metadata());
        DataType type = f.type();
        // Arrow JS has no extension types: it keeps the storage type and the field metadata.
        if (type instanceof DataType.Extension e) {
            metadata.put("ARROW:extension:name", e.name());
            metadata.put("ARROW:extension:metadata", e.metadata());
        }
        type = storage(type);
        if (type instanceof DataType.Dictionary d) {
            ObjectNode dictionary = node.putObject("dictionary");
            dictionary.put("id", f.dictionaryId());
            dictionary.put("indexType", d.indexType().toString());
            dictionary.put("ordered", d.ordered());
            type = storage(d.valueType());
        }
        node.put("type", typeName(type));
        node.set("metadata", metadata(metadata));
        ArrayNode children = node.putArray("children");
        type.children().forEach(c -> children.add(field(c)));
        return node;
    }

    private static DataType storage(DataType type) {
        while (type instanceof DataType.Extension e) {
            type = e.storage();
        }
        return type;
    }

    private static String unit(TimeUnit unit) {
        return switch (unit) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }

    static String typeName(DataType type) {
        return switch (type) {
            case DataType.Null n -> "null";
            case DataType.Bool b -> "bool";
            case DataType.Int i -> i.toString();
            case DataType.FloatingPoint f -> f.toString();
            case DataType.Utf8 u -> "utf8";
            case DataType.LargeUtf8 u -> "large_utf8";
            case DataType.Binary b -> "binary";
            case DataType.LargeBinary b -> "large_binary";
            case DataType.Utf8View u -> "utf8_view";
            case DataType.BinaryView b -> "binary_view";
            case DataType.FixedSizeBinary f -> "fixed_size_binary[" + f.byteWidth() + "]";
            case DataType.Decimal d -> "decimal" + d.bitWidth() + "(" + d.precision() + "," + d.scale() + ")";
            case DataType.Date d -> d.toString();
            case DataType.Time t -> "time" + t.bitWidth() + "[" + unit(t.unit()) + "]";
            case DataType.Timestamp t -> "timestamp[" + unit(t.unit()) + "," + (t.timezone() == null ? "" : t.timezone()) + "]";
            case DataType.Duration d -> "duration[" + unit(d.unit()) + "]";
            case DataType.Interval i -> "interval[" + i.unit().name().toLowerCase(Locale.ROOT) + "]";
            case DataType.List l -> "list";
            case DataType.LargeList l -> "large_list";
            case DataType.FixedSizeList f -> "fixed_size_list[" + f.listSize() + "]";
            case DataType.ListView l -> "list_view";
            case DataType.LargeListView l -> "large_list_view";
            case DataType.Struct s -> "struct";
            case DataType.Map m -> m.keysSorted() ? "map[sorted]" : "map";
            case DataType.Union u -> (u.mode() == UnionMode.SPARSE ? "sparse" : "dense") + "_union["
                    + String.join(",", u.typeIds().stream().map(String::valueOf).toList()) + "]";
            case DataType.RunEndEncoded r -> "run_end_encoded";
            case DataType.Dictionary d -> throw new IllegalArgumentException("nested dictionary type " + d);
            case DataType.Extension e -> throw new IllegalArgumentException("nested extension type " + e);
        };
    }

    /** The canonical value of slot {@code i}. */
    static JsonNode value(Array array, int i) {
        if (array instanceof UnionArray u) {
            int child = u.childIndex(i);
            ObjectNode node = NODES.objectNode();
            node.put("type_id", u.typeId(i));
            node.set("value", value(u.child(child), u.valueOffset(i)));
            return node;
        }
        if (array instanceof NullArray || array.isNull(i)) {
            return NODES.nullNode();
        }
        return switch (array) {
            case ExtensionArray e -> value(e.storage(), i);
            case DictionaryArray d -> value(d.dictionary(), Math.toIntExact(d.index(i)));
            case BooleanArray b -> NODES.booleanNode(b.get(i));
            case Int8Array a -> NODES.numberNode(signed(a) ? a.get(i) : a.getUnsigned(i));
            case Int16Array a -> NODES.numberNode(signed(a) ? a.get(i) : a.getUnsigned(i));
            case Int32Array a -> NODES.numberNode(signed(a) ? a.get(i) : a.getUnsigned(i));
            case Int64Array a -> NODES.textNode(signed(a) ? Long.toString(a.get(i)) : a.getUnsigned(i).toString());
            case Float16Array f -> {
                int bits = f.get(i) & 0xFFFF;
                boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x03FF) != 0;
                yield NODES.textNode(nan ? "NaN" : String.format("0x%04x", bits));
            }
            case Float32Array f -> NODES.textNode(Float.isNaN(f.get(i)) ? "NaN"
                    : String.format("0x%08x", Float.floatToRawIntBits(f.get(i))));
            case Float64Array f -> NODES.textNode(Double.isNaN(f.get(i)) ? "NaN"
                    : String.format("0x%016x", Double.doubleToRawLongBits(f.get(i))));
            case DecimalArray d -> NODES.textNode(d.getUnscaled(i).toString());
            case IntervalArray v -> interval(v, i);
            case BinaryArray b -> b.isUtf8() ? NODES.textNode(b.getString(i)) : NODES.textNode(HEX.formatHex(b.getBytes(i)));
            case BinaryViewArray b -> b.isUtf8() ? NODES.textNode(b.getString(i)) : NODES.textNode(HEX.formatHex(b.getBytes(i)));
            case FixedSizeBinaryArray b -> NODES.textNode(HEX.formatHex(b.getBytes(i)));
            case ListArray l -> elements(l.value(i));
            case FixedSizeListArray l -> elements(l.value(i));
            case ListViewArray l -> elements(l.value(i));
            case MapArray m -> {
                ArrayNode entries = NODES.arrayNode();
                for (int k = m.valueStart(i); k < m.valueEnd(i); k++) {
                    entries.addArray().add(value(m.keys(), k)).add(value(m.items(), k));
                }
                yield entries;
            }
            case StructArray s -> {
                ArrayNode fields = NODES.arrayNode();
                s.fields().forEach(f -> fields.add(value(f, i)));
                yield fields;
            }
            case RunEndEncodedArray r -> value(r.values(), r.physicalIndex(i));
            default -> throw new IllegalArgumentException("no canonical value for " + array.type());
        };
    }

    private static boolean signed(Array array) {
        return !(array.type() instanceof DataType.Int i) || i.signed();
    }

    private static JsonNode interval(IntervalArray v, int i) {
        return switch (v.unit()) {
            case YEAR_MONTH -> NODES.numberNode(v.getMonths(i));
            case DAY_TIME -> NODES.arrayNode().add(v.getDays(i)).add(v.getMillis(i));
            case MONTH_DAY_NANO -> NODES.arrayNode().add(v.getMonths(i)).add(v.getDays(i))
                    .add(Long.toString(v.getNanos(i)));
        };
    }

    private static ArrayNode elements(Array values) {
        ArrayNode node = NODES.arrayNode();
        for (int k = 0; k < values.length(); k++) {
            node.add(value(values, k));
        }
        return node;
    }

    /** A short description of where two canonical documents first differ, or null if equal. */
    static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            for (var it = expected.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!actual.has(name)) {
                    return path + "." + name + ": missing";
                }
                String d = firstDifference(expected.get(name), actual.get(name), path + "." + name);
                if (d != null) {
                    return d;
                }
            }
            return path + ": unexpected members " + actual;
        }
        if (expected.isArray() && actual.isArray()) {
            for (int k = 0; k < Math.min(expected.size(), actual.size()); k++) {
                String d = firstDifference(expected.get(k), actual.get(k), path + "[" + k + "]");
                if (d != null) {
                    return d;
                }
            }
            return path + ": " + expected.size() + " elements expected, " + actual.size() + " found";
        }
        return path + ": expected " + expected + " but found " + actual;
    }
}
