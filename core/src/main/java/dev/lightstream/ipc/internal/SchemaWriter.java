package dev.lightstream.ipc.internal;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Type;

/**
 * Converts the model's {@link Schema} into an Arrow flatbuffer {@code Schema} table.
 *
 * <p>Dictionary-encoded fields must carry their dictionary id (see {@link DictionaryIds#assign});
 * extension types travel as their storage type with the {@code ARROW:extension:name} and
 * {@code ARROW:extension:metadata} field metadata.
 */
public final class SchemaWriter {
    private SchemaWriter() {}

    /** Writes {@code schema} into {@code builder} and returns the offset of the Schema table. */
    public static int write(FlatBufferBuilder builder, Schema schema) {
        List<Field> fields = schema.fields();
        int[] offsets = new int[fields.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = field(builder, fields.get(i));
        }
        int fieldsVector = org.apache.arrow.flatbuf.Schema.createFieldsVector(builder, offsets);
        int metadata = metadata(builder, schema.metadata());
        org.apache.arrow.flatbuf.Schema.startSchema(builder);
        org.apache.arrow.flatbuf.Schema.addEndianness(builder, org.apache.arrow.flatbuf.Endianness.Little);
        org.apache.arrow.flatbuf.Schema.addFields(builder, fieldsVector);
        if (metadata != 0) {
            org.apache.arrow.flatbuf.Schema.addCustomMetadata(builder, metadata);
        }
        return org.apache.arrow.flatbuf.Schema.endSchema(builder);
    }

    private static int metadata(FlatBufferBuilder builder, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return 0;
        }
        int[] entries = new int[metadata.size()];
        int i = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            int key = builder.createString(e.getKey());
            int value = builder.createString(e.getValue());
            entries[i++] = org.apache.arrow.flatbuf.KeyValue.createKeyValue(builder, key, value);
        }
        return org.apache.arrow.flatbuf.Field.createCustomMetadataVector(builder, entries);
    }

    private static int field(FlatBufferBuilder builder, Field field) {
        DataType type = field.type();
        Map<String, String> metadata = field.metadata();
        if (type instanceof DataType.Extension e) {
            Map<String, String> withExtension = new LinkedHashMap<>(metadata);
            withExtension.put(SchemaReader.EXTENSION_NAME, e.name());
            withExtension.put(SchemaReader.EXTENSION_METADATA, e.metadata());
            metadata = withExtension;
            type = e.storage();
            while (type instanceof DataType.Extension inner) { // nested extensions keep the outermost name
                type = inner.storage();
            }
        }
        int dictionary = 0;
        if (type instanceof DataType.Dictionary d) {
            if (field.dictionaryId() < 0) {
                throw new IllegalArgumentException("field '" + field.name() + "' has no dictionary id assigned");
            }
            int indexType = org.apache.arrow.flatbuf.Int.createInt(builder, d.indexType().bitWidth(), d.indexType().signed());
            org.apache.arrow.flatbuf.DictionaryEncoding.startDictionaryEncoding(builder);
            org.apache.arrow.flatbuf.DictionaryEncoding.addId(builder, field.dictionaryId());
            org.apache.arrow.flatbuf.DictionaryEncoding.addIndexType(builder, indexType);
            org.apache.arrow.flatbuf.DictionaryEncoding.addIsOrdered(builder, d.ordered());
            dictionary = org.apache.arrow.flatbuf.DictionaryEncoding.endDictionaryEncoding(builder);
            type = d.valueType();
        }
        List<Field> children = type.children();
        int[] childOffsets = new int[children.size()];
        for (int i = 0; i < childOffsets.length; i++) {
            childOffsets[i] = field(builder, children.get(i));
        }
        int name = builder.createString(field.name());
        int childVector = org.apache.arrow.flatbuf.Field.createChildrenVector(builder, childOffsets);
        int metadataVector = metadata(builder, metadata);
        byte typeType = typeType(type);
        int typeTable = typeTable(builder, type);
        org.apache.arrow.flatbuf.Field.startField(builder);
        org.apache.arrow.flatbuf.Field.addName(builder, name);
        org.apache.arrow.flatbuf.Field.addNullable(builder, field.nullable());
        org.apache.arrow.flatbuf.Field.addTypeType(builder, typeType);
        org.apache.arrow.flatbuf.Field.addType(builder, typeTable);
        if (dictionary != 0) {
            org.apache.arrow.flatbuf.Field.addDictionary(builder, dictionary);
        }
        org.apache.arrow.flatbuf.Field.addChildren(builder, childVector);
        if (metadataVector != 0) {
            org.apache.arrow.flatbuf.Field.addCustomMetadata(builder, metadataVector);
        }
        return org.apache.arrow.flatbuf.Field.endField(builder);
    }

    private static byte typeType(DataType type) {
        return switch (type) {
            case DataType.Null t -> Type.Null;
            case DataType.Bool t -> Type.Bool;
            case DataType.Int t -> Type.Int;
            case DataType.FloatingPoint t -> Type.FloatingPoint;
            case DataType.Decimal t -> Type.Decimal;
            case DataType.Date t -> Type.Date;
            case DataType.Time t -> Type.Time;
            case DataType.Timestamp t -> Type.Timestamp;
            case DataType.Duration t -> Type.Duration;
            case DataType.Interval t -> Type.Interval;
            case DataType.Binary t -> Type.Binary;
            case DataType.LargeBinary t -> Type.LargeBinary;
            case DataType.FixedSizeBinary t -> Type.FixedSizeBinary;
            case DataType.Utf8 t -> Type.Utf8;
            case DataType.LargeUtf8 t -> Type.LargeUtf8;
            case DataType.BinaryView t -> Type.BinaryView;
            case DataType.Utf8View t -> Type.Utf8View;
            case DataType.List t -> Type.List;
            case DataType.LargeList t -> Type.LargeList;
            case DataType.FixedSizeList t -> Type.FixedSizeList;
            case DataType.ListView t -> Type.ListView;
            case DataType.LargeListView t -> Type.LargeListView;
            case DataType.Struct t -> Type.Struct_;
            case DataType.Map t -> Type.Map;
            case DataType.Union t -> Type.Union;
            case DataType.RunEndEncoded t -> Type.RunEndEncoded;
            case DataType.Dictionary t -> throw new IllegalArgumentException("a dictionary cannot hold a dictionary type directly: " + t);
            case DataType.Extension t -> throw new IllegalArgumentException("unexpected nested extension " + t);
        };
    }

    private static int typeTable(FlatBufferBuilder b, DataType type) {
        return switch (type) {
            case DataType.Null t -> empty(b);
            case DataType.Bool t -> empty(b);
            case DataType.Int t -> org.apache.arrow.flatbuf.Int.createInt(b, t.bitWidth(), t.signed());
            case DataType.FloatingPoint t -> org.apache.arrow.flatbuf.FloatingPoint.createFloatingPoint(b,
                    switch (t.precision()) {
                        case HALF -> org.apache.arrow.flatbuf.Precision.HALF;
                        case SINGLE -> org.apache.arrow.flatbuf.Precision.SINGLE;
                        case DOUBLE -> org.apache.arrow.flatbuf.Precision.DOUBLE;
                    });
            case DataType.Decimal t -> org.apache.arrow.flatbuf.Decimal.createDecimal(b, t.precision(), t.scale(), t.bitWidth());
            case DataType.Date t -> org.apache.arrow.flatbuf.Date.createDate(b, switch (t.unit()) {
                case DAY -> org.apache.arrow.flatbuf.DateUnit.DAY;
                case MILLISECOND -> org.apache.arrow.flatbuf.DateUnit.MILLISECOND;
            });
            case DataType.Time t -> org.apache.arrow.flatbuf.Time.createTime(b, timeUnit(t.unit()), t.bitWidth());
            case DataType.Timestamp t -> {
                int zone = t.timezone() == null ? 0 : b.createString(t.timezone());
                yield org.apache.arrow.flatbuf.Timestamp.createTimestamp(b, timeUnit(t.unit()), zone);
            }
            case DataType.Duration t -> org.apache.arrow.flatbuf.Duration.createDuration(b, timeUnit(t.unit()));
            case DataType.Interval t -> org.apache.arrow.flatbuf.Interval.createInterval(b, switch (t.unit()) {
                case YEAR_MONTH -> org.apache.arrow.flatbuf.IntervalUnit.YEAR_MONTH;
                case DAY_TIME -> org.apache.arrow.flatbuf.IntervalUnit.DAY_TIME;
                case MONTH_DAY_NANO -> org.apache.arrow.flatbuf.IntervalUnit.MONTH_DAY_NANO;
            });
            case DataType.FixedSizeBinary t -> org.apache.arrow.flatbuf.FixedSizeBinary.createFixedSizeBinary(b, t.byteWidth());
            case DataType.FixedSizeList t -> org.apache.arrow.flatbuf.FixedSizeList.createFixedSizeList(b, t.listSize());
            case DataType.Map t -> org.apache.arrow.flatbuf.Map.createMap(b, t.keysSorted());
            case DataType.Union t -> {
                int[] ids = t.typeIds().stream().mapToInt(Integer::intValue).toArray();
                int idVector = org.apache.arrow.flatbuf.Union.createTypeIdsVector(b, ids);
                yield org.apache.arrow.flatbuf.Union.createUnion(b, switch (t.mode()) {
                    case SPARSE -> org.apache.arrow.flatbuf.UnionMode.Sparse;
                    case DENSE -> org.apache.arrow.flatbuf.UnionMode.Dense;
                }, idVector);
            }
            default -> empty(b);
        };
    }

    /** An empty table: the parameterless types (Null, Utf8, List...) all have the same shape. */
    private static int empty(FlatBufferBuilder b) {
        b.startTable(0);
        return b.endTable();
    }

    private static short timeUnit(dev.lightstream.schema.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> org.apache.arrow.flatbuf.TimeUnit.SECOND;
            case MILLISECOND -> org.apache.arrow.flatbuf.TimeUnit.MILLISECOND;
            case MICROSECOND -> org.apache.arrow.flatbuf.TimeUnit.MICROSECOND;
            case NANOSECOND -> org.apache.arrow.flatbuf.TimeUnit.NANOSECOND;
        };
    }
}
