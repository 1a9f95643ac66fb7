package dev.lightstream.integration;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Schema} as the {@code schema} member of an integration JSON document, with the
 * member order and spellings of Arrow's generator (archery {@code datagen.py}):
 *
 * <pre>
 * {"fields": [{"name", "type": {"name", attributes...}, "nullable", "children": [...],
 *              "dictionary"?: {"id", "indexType", "isOrdered"}, "metadata"?: [{"key", "value"}...]}...],
 *  "metadata"?: [...]}
 * </pre>
 *
 * A dictionary-encoded field is written with its value type and a {@code dictionary} member; an
 * extension type as its storage type plus the {@code ARROW:extension:*} metadata keys.
 */
final class SchemaWriter {
    private SchemaWriter() {}

    static void write(JsonGenerator g, Schema schema) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("fields");
        for (Field field : schema.fields()) {
            field(g, field);
        }
        g.writeEndArray();
        metadata(g, schema.metadata().entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList());
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, Field field) throws IOException {
        DataType type = field.type();
        List<String[]> metadata = new ArrayList<>();
        DataType.Extension extension = null;
        if (type instanceof DataType.Extension e) {
            extension = e;
            type = e.storage();
        }
        DataType.Dictionary dictionary = null;
        if (type instanceof DataType.Dictionary d) {
            dictionary = d;
            type = d.valueType();
        }
        if (type instanceof DataType.Extension || type instanceof DataType.Dictionary) {
            throw new IllegalArgumentException("field '" + field.name() + "' of type " + field.type()
                    + " cannot be expressed in the integration JSON format");
        }
        for (Map.Entry<String, String> entry : field.metadata().entrySet()) {
            boolean replaced = extension != null && (entry.getKey().equals(SchemaReader.EXTENSION_NAME)
                    || entry.getKey().equals(SchemaReader.EXTENSION_METADATA));
            if (!replaced) {
                metadata.add(new String[] {entry.getKey(), entry.getValue()});
            }
        }
        if (extension != null) {
            metadata.add(new String[] {SchemaReader.EXTENSION_NAME, extension.name()});
            metadata.add(new String[] {SchemaReader.EXTENSION_METADATA, extension.metadata()});
        }

        g.writeStartObject();
        g.writeStringField("name", field.name());
        g.writeFieldName("type");
        type(g, type);
        g.writeBooleanField("nullable", field.nullable());
        g.writeArrayFieldStart("children");
        for (Field child : type.children()) {
            field(g, child);
        }
        g.writeEndArray();
        if (dictionary != null) {
            if (field.dictionaryId() == Field.NO_DICTIONARY_ID) {
                throw new IllegalStateException("field '" + field.name() + "' has no dictionary id");
            }
            g.writeObjectFieldStart("dictionary");
            g.writeNumberField("id", field.dictionaryId());
            g.writeFieldName("indexType");
            type(g, dictionary.indexType());
            g.writeBooleanField("isOrdered", dictionary.ordered());
            g.writeEndObject();
        }
        metadata(g, metadata);
        g.writeEndObject();
    }

    private static void metadata(JsonGenerator g, List<String[]> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("metadata");
        for (String[] entry : entries) {
            g.writeStartObject();
            g.writeStringField("key", entry[0]);
            g.writeStringField("value", entry[1]);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void type(JsonGenerator g, DataType type) throws IOException {
        g.writeStartObject();
        switch (type) {
            case DataType.Null t -> g.writeStringField("name", "null");
            case DataType.Bool t -> g.writeStringField("name", "bool");
            case DataType.Int t -> {
                g.writeStringField("name", "int");
                g.writeBooleanField("isSigned", t.signed());
                g.writeNumberField("bitWidth", t.bitWidth());
            }
            case DataType.FloatingPoint t -> {
                g.writeStringField("name", "floatingpoint");
                g.writeStringField("precision", t.precision().name());
            }
            case DataType.Decimal t -> {
                g.writeStringField("name", "decimal");
                g.writeNumberField("precision", t.precision());
                g.writeNumberField("scale", t.scale());
                g.writeNumberField("bitWidth", t.bitWidth());
            }
            case DataType.Date t -> {
                g.writeStringField("name", "date");
                g.writeStringField("unit", t.unit().name());
            }
            case DataType.Time t -> {
                g.writeStringField("name", "time");
                g.writeStringField("unit", unit(t.unit()));
                g.writeNumberField("bitWidth", t.bitWidth());
            }
            case DataType.Timestamp t -> {
                g.writeStringField("name", "timestamp");
                g.writeStringField("unit", unit(t.unit()));
                if (t.timezone() != null) {
                    g.writeStringField("timezone", t.timezone());
                }
            }
            case DataType.Duration t -> {
                g.writeStringField("name", "duration");
                g.writeStringField("unit", unit(t.unit()));
            }
            case DataType.Interval t -> {
                g.writeStringField("name", "interval");
                g.writeStringField("unit", t.unit().name());
            }
            case DataType.Binary t -> g.writeStringField("name", "binary");
            case DataType.LargeBinary t -> g.writeStringField("name", "largebinary");
            case DataType.Utf8 t -> g.writeStringField("name", "utf8");
            case DataType.LargeUtf8 t -> g.writeStringField("name", "largeutf8");
            case DataType.BinaryView t -> g.writeStringField("name", "binaryview");
            case DataType.Utf8View t -> g.writeStringField("name", "utf8view");
            case DataType.FixedSizeBinary t -> {
                g.writeStringField("name", "fixedsizebinary");
                g.writeNumberField("byteWidth", t.byteWidth());
            }
            case DataType.List t -> g.writeStringField("name", "list");
            case DataType.LargeList t -> g.writeStringField("name", "largelist");
            case DataType.ListView t -> g.writeStringField("name", "listview");
            case DataType.LargeListView t -> g.writeStringField("name", "largelistview");
            case DataType.FixedSizeList t -> {
                g.writeStringField("name", "fixedsizelist");
                g.writeNumberField("listSize", t.listSize());
            }
            case DataType.Struct t -> g.writeStringField("name", "struct");
            case DataType.Map t -> {
                g.writeStringField("name", "map");
                g.writeBooleanField("keysSorted", t.keysSorted());
            }
            case DataType.Union t -> {
                g.writeStringField("name", "union");
                g.writeStringField("mode", t.mode().name());
                g.writeArrayFieldStart("typeIds");
                for (int id : t.typeIds()) {
                    g.writeNumber(id);
                }
                g.writeEndArray();
            }
            case DataType.RunEndEncoded t -> g.writeStringField("name", "runendencoded");
            case DataType.Dictionary t -> throw new IllegalArgumentException("nested dictionary type " + t);
            case DataType.Extension t -> throw new IllegalArgumentException("nested extension type " + t);
        }
        g.writeEndObject();
    }

    private static String unit(TimeUnit unit) {
        return unit.name().toUpperCase(Locale.ROOT);
    }
}
