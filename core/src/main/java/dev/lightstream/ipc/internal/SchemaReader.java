package dev.lightstream.ipc.internal;

import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
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
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Type;

/**
 * Converts the flatbuffer {@code Schema} of an Arrow IPC message into the model's {@link Schema}.
 *
 * <p>The flatbuffer is untrusted: field counts and nesting depth are checked against the
 * {@link IpcReadOptions} before they are walked (a forged children vector can even point back at
 * its own field), and any exception of the flatbuffer accessors becomes an
 * {@link InvalidIpcException} naming the field path.
 */
public final class SchemaReader {
    static final String EXTENSION_NAME = "ARROW:extension:name";
    static final String EXTENSION_METADATA = "ARROW:extension:metadata";

    private final IpcReadOptions options;
    private int fieldsSeen;

    private SchemaReader(IpcReadOptions options) {
        this.options = options;
    }

    /** The model schema of {@code schema}. */
    public static Schema read(org.apache.arrow.flatbuf.Schema schema, IpcReadOptions options) throws java.io.IOException {
        SchemaReader reader = new SchemaReader(options);
        try {
            int count = schema.fieldsLength();
            reader.countFields(count, "schema");
            List<Field> fields = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                org.apache.arrow.flatbuf.Field field = schema.fields(i);
                if (field == null) {
                    throw new InvalidIpcException("schema field " + i + " is missing");
                }
                fields.add(reader.field(field, "", i, 1));
            }
            return new Schema(fields, metadata(schema.customMetadataLength(), schema::customMetadata, "schema"));
        } catch (InvalidIpcException | FrameTooLargeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidIpcException("malformed schema flatbuffer: " + e, e);
        }
    }

    /** True when the schema declares big-endian data. */
    public static boolean isBigEndian(org.apache.arrow.flatbuf.Schema schema) {
        return schema.endianness() == org.apache.arrow.flatbuf.Endianness.Big;
    }

    private void countFields(int count, String where) throws FrameTooLargeException, InvalidIpcException {
        if (count < 0) {
            throw new InvalidIpcException(where + " has a negative field count " + count);
        }
        if ((long) fieldsSeen + count > options.maxFieldCount()) {
            throw new FrameTooLargeException("field count at " + where, (long) fieldsSeen + count, options.maxFieldCount());
        }
        fieldsSeen += count;
    }

    private interface KeyValueAt {
        KeyValue at(int i);
    }

    private static Map<String, String> metadata(int count, KeyValueAt at, String where) throws InvalidIpcException {
        if (count == 0) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            KeyValue kv = at.at(i);
            if (kv == null || kv.key() == null) {
                throw new InvalidIpcException(where + " custom metadata entry " + i + " has no key");
            }
            map.put(kv.key(), kv.value() == null ? "" : kv.value());
        }
        return map;
    }

    private Field field(org.apache.arrow.flatbuf.Field fb, String parentPath, int index, int depth) throws java.io.IOException {
        String name = fb.name() == null ? "" : fb.name();
        String path = parentPath.isEmpty() ? name : parentPath + "." + name;
        String where = "field '" + path + "' (index " + index + ")";
        if (depth > options.maxNestingDepth()) {
            throw new FrameTooLargeException("nesting depth at " + where, depth, options.maxNestingDepth());
        }
        int childCount = fb.childrenLength();
        countFields(childCount, where);
        List<Field> children = new ArrayList<>(childCount);
        for (int i = 0; i < childCount; i++) {
            org.apache.arrow.flatbuf.Field child = fb.children(i);
            if (child == null) {
                throw new InvalidIpcException(where + " child " + i + " is missing");
            }
            children.add(field(child, path, i, depth + 1));
        }
        Map<String, String> metadata = metadata(fb.customMetadataLength(), fb::customMetadata, where);
        DataType type;
        try {
            type = type(fb, children, where);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidIpcException(where + ": invalid type: " + e.getMessage(), e);
        }
        long dictionaryId = Field.NO_DICTIONARY_ID;
        DictionaryEncoding encoding = fb.dictionary();
        if (encoding != null) {
            if (encoding.id() < 0) {
                throw new InvalidIpcException(where + " has a negative dictionary id " + encoding.id());
            }
            org.apache.arrow.flatbuf.Int indexTable = encoding.indexType();
            DataType.Int indexType;
            if (indexTable == null) {
                indexType = DataType.INT32;
            } else {
                try {
                    indexType = new DataType.Int(indexTable.bitWidth(), indexTable.isSigned());
                } catch (IllegalArgumentException e) {
                    throw new InvalidIpcException(where + " has a dictionary index bitWidth=" + indexTable.bitWidth(), e);
                }
            }
            dictionaryId = encoding.id();
            type = new DataType.Dictionary(indexType, type, encoding.isOrdered());
        }
        String extensionName = metadata.get(EXTENSION_NAME);
        if (extensionName != null) {
            Map<String, String> rest = new LinkedHashMap<>(metadata);
            rest.remove(EXTENSION_NAME);
            String extensionMetadata = rest.remove(EXTENSION_METADATA);
            type = new DataType.Extension(extensionName, type, extensionMetadata);
            metadata = rest;
        }
        return new Field(name, type, fb.nullable(), metadata, dictionaryId);
    }

    private static DataType type(org.apache.arrow.flatbuf.Field fb, List<Field> children, String where)
            throws InvalidIpcException {
        byte typeType = fb.typeType();
        switch (typeType) {
            case Type.Null -> {
                return DataType.NULL;
            }
            case Type.Bool -> {
                return DataType.BOOL;
            }
            case Type.Binary -> {
                return DataType.BINARY;
            }
            case Type.LargeBinary -> {
                return DataType.LARGE_BINARY;
            }
            case Type.Utf8 -> {
                return DataType.UTF8;
            }
            case Type.LargeUtf8 -> {
                return DataType.LARGE_UTF8;
            }
            case Type.BinaryView -> {
                return DataType.BINARY_VIEW;
            }
            case Type.Utf8View -> {
                return DataType.UTF8_VIEW;
            }
            default -> { }
        }
        boolean nested = typeType == Type.List || typeType == Type.LargeList || typeType == Type.FixedSizeList
                || typeType == Type.ListView || typeType == Type.LargeListView || typeType == Type.Map
                || typeType == Type.Struct_ || typeType == Type.Union || typeType == Type.RunEndEncoded;
        if (!nested && !children.isEmpty()) {
            throw new InvalidIpcException(where + " of type " + typeName(typeType) + " cannot have " + children.size() + " children");
        }
        com.google.flatbuffers.Table table = switch (typeType) {
            case Type.Int -> new org.apache.arrow.flatbuf.Int();
            case Type.FloatingPoint -> new org.apache.arrow.flatbuf.FloatingPoint();
            case Type.Decimal -> new org.apache.arrow.flatbuf.Decimal();
            case Type.Date -> new org.apache.arrow.flatbuf.Date();
            case Type.Time -> new org.apache.arrow.flatbuf.Time();
            case Type.Timestamp -> new org.apache.arrow.flatbuf.Timestamp();
            case Type.Duration -> new org.apache.arrow.flatbuf.Duration();
            case Type.Interval -> new org.apache.arrow.flatbuf.Interval();
            case Type.FixedSizeBinary -> new org.apache.arrow.flatbuf.FixedSizeBinary();
            case Type.FixedSizeList -> new org.apache.arrow.flatbuf.FixedSizeList();
            case Type.Map -> new org.apache.arrow.flatbuf.Map();
            case Type.Union -> new org.apache.arrow.flatbuf.Union();
            case Type.List, Type.LargeList, Type.ListView, Type.LargeListView, Type.Struct_, Type.RunEndEncoded -> null;
            default -> throw new InvalidIpcException(where + " has unknown type code " + typeType);
        };
        if (table != null && fb.type(table) == null) {
            throw new InvalidIpcException(where + " of type " + typeName(typeType) + " has no type table");
        }
        return switch (typeType) {
            case Type.Int -> {
                var t = (org.apache.arrow.flatbuf.Int) table;
                yield new DataType.Int(t.bitWidth(), t.isSigned());
            }
            case Type.FloatingPoint -> new DataType.FloatingPoint(
                    switch (((org.apache.arrow.flatbuf.FloatingPoint) table).precision()) {
                        case org.apache.arrow.flatbuf.Precision.HALF -> Precision.HALF;
                        case org.apache.arrow.flatbuf.Precision.SINGLE -> Precision.SINGLE;
                        case org.apache.arrow.flatbuf.Precision.DOUBLE -> Precision.DOUBLE;
                        default -> throw new InvalidIpcException(where + " has unknown float precision "
                                + ((org.apache.arrow.flatbuf.FloatingPoint) table).precision());
                    });
            case Type.Decimal -> {
                var t = (org.apache.arrow.flatbuf.Decimal) table;
                yield new DataType.Decimal(t.precision(), t.scale(), t.bitWidth());
            }
            case Type.Date -> new DataType.Date(
                    switch (((org.apache.arrow.flatbuf.Date) table).unit()) {
                        case org.apache.arrow.flatbuf.DateUnit.DAY -> DateUnit.DAY;
                        case org.apache.arrow.flatbuf.DateUnit.MILLISECOND -> DateUnit.MILLISECOND;
                        default -> throw new InvalidIpcException(where + " has unknown date unit");
                    });
            case Type.Time -> {
                var t = (org.apache.arrow.flatbuf.Time) table;
                yield new DataType.Time(timeUnit(t.unit(), where), t.bitWidth());
            }
            case Type.Timestamp -> {
                var t = (org.apache.arrow.flatbuf.Timestamp) table;
                yield new DataType.Timestamp(timeUnit(t.unit(), where), t.timezone());
            }
            case Type.Duration -> new DataType.Duration(timeUnit(((org.apache.arrow.flatbuf.Duration) table).unit(), where));
            case Type.Interval -> new DataType.Interval(
                    switch (((org.apache.arrow.flatbuf.Interval) table).unit()) {
                        case org.apache.arrow.flatbuf.IntervalUnit.YEAR_MONTH -> IntervalUnit.YEAR_MONTH;
                        case org.apache.arrow.flatbuf.IntervalUnit.DAY_TIME -> IntervalUnit.DAY_TIME;
                        case org.apache.arrow.flatbuf.IntervalUnit.MONTH_DAY_NANO -> IntervalUnit.MONTH_DAY_NANO;
                        default -> throw new InvalidIpcException(where + " has unknown interval unit");
                    });
            case Type.FixedSizeBinary -> new DataType.FixedSizeBinary(((org.apache.arrow.flatbuf.FixedSizeBinary) table).byteWidth());
            case Type.List -> new DataType.List(only(children, where));
            case Type.LargeList -> new DataType.LargeList(only(children, where));
            case Type.ListView -> new DataType.ListView(only(children, where));
            case Type.LargeListView -> new DataType.LargeListView(only(children, where));
            case Type.FixedSizeList -> new DataType.FixedSizeList(only(children, where),
                    ((org.apache.arrow.flatbuf.FixedSizeList) table).listSize());
            case Type.Map -> new DataType.Map(only(children, where), ((org.apache.arrow.flatbuf.Map) table).keysSorted());
            case Type.Struct_ -> new DataType.Struct(children);
            case Type.RunEndEncoded -> {
                if (children.size() != 2) {
                    throw new InvalidIpcException(where + " run-end encoded needs 2 children, has " + children.size());
                }
                yield new DataType.RunEndEncoded(children.get(0), children.get(1));
            }
            case Type.Union -> {
                var t = (org.apache.arrow.flatbuf.Union) table;
                UnionMode mode = switch (t.mode()) {
                    case org.apache.arrow.flatbuf.UnionMode.Sparse -> UnionMode.SPARSE;
                    case org.apache.arrow.flatbuf.UnionMode.Dense -> UnionMode.DENSE;
                    default -> throw new InvalidIpcException(where + " has unknown union mode " + t.mode());
                };
                int idCount = t.typeIdsLength();
                List<Integer> ids = new ArrayList<>(children.size());
                if (idCount == 0) {
                    for (int i = 0; i < children.size(); i++) {
                        ids.add(i);
                    }
                } else {
                    if (idCount != children.size()) {
                        throw new InvalidIpcException(where + " union has " + children.size() + " children but "
                                + idCount + " type ids");
                    }
                    for (int i = 0; i < idCount; i++) {
                        ids.add(t.typeIds(i));
                    }
                }
                yield new DataType.Union(mode, children, ids);
            }
            default -> throw new InvalidIpcException(where + " has unknown type code " + typeType);
        };
    }

    static String typeName(byte code) {
        return code >= 0 && code < Type.names.length ? Type.names[code] : "#" + code;
    }

    private static Field only(List<Field> children, String where) throws InvalidIpcException {
        if (children.size() != 1) {
            throw new InvalidIpcException(where + " needs exactly 1 child, has " + children.size());
        }
        return children.getFirst();
    }

    private static TimeUnit timeUnit(short unit, String where) throws InvalidIpcException {
        return switch (unit) {
            case org.apache.arrow.flatbuf.TimeUnit.SECOND -> TimeUnit.SECOND;
            case org.apache.arrow.flatbuf.TimeUnit.MILLISECOND -> TimeUnit.MILLISECOND;
            case org.apache.arrow.flatbuf.TimeUnit.MICROSECOND -> TimeUnit.MICROSECOND;
            case org.apache.arrow.flatbuf.TimeUnit.NANOSECOND -> TimeUnit.NANOSECOND;
            default -> throw new InvalidIpcException(where + " has unknown time unit " + unit);
        };
    }
}
