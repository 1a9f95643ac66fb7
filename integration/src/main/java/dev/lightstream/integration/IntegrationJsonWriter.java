package dev.lightstream.integration;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes schema, dictionaries and record batches as an Arrow integration-testing JSON document,
 * in the layout of Arrow's own gold files (member order, value spellings, two-space indentation),
 * so that {@link IntegrationJsonReader} and other Arrow implementations can read it.
 *
 * {@snippet :
 * IntegrationJsonWriter.write(Path.of("case.json.gz"), IntegrationData.of(schema, batches));
 * }
 *
 * <p>The top-level {@code dictionaries} list holds the dictionaries given in
 * {@link IntegrationData#dictionaries()} and every dictionary the batches' dictionary-encoded
 * columns point at, by id. Dictionary fields without an id get one (inner dictionaries first).
 * A path ending in {@code .gz} is written gzip-compressed.
 */
public final class IntegrationJsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private IntegrationJsonWriter() {}

    /**
     * Writes {@code data} to {@code path}, gzip-compressed when the name ends with {@code .gz}.
     *
     * @throws IllegalArgumentException if the data cannot be expressed in the format (different
     *     dictionaries under one id, a dictionary of an extension type)
     */
    public static void write(Path path, IntegrationData data) throws IOException {
        try (OutputStream file = Files.newOutputStream(path)) {
            if (path.getFileName().toString().endsWith(".gz")) {
                try (GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16)) {
                    write(gzip, data);
                }
            } else {
                write(file, data);
            }
        }
    }

    /** Writes the batches of {@code schema} with the dictionaries they use. */
    public static void write(Path path, Schema schema, List<RecordBatch> batches) throws IOException {
        write(path, IntegrationData.of(schema, batches));
    }

    /** Writes {@code data} as UTF-8 JSON to {@code out}, which is flushed and left open. */
    public static void write(OutputStream out, IntegrationData data) throws IOException {
        Schema schema = DictionaryIds.assign(data.schema());
        SortedMap<Long, ArrayData> dictionaries = dictionaries(schema, data);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            g.writeFieldName("schema");
            SchemaWriter.write(g, schema);
            ColumnWriter columns = new ColumnWriter(g);
            if (!dictionaries.isEmpty()) {
                g.writeArrayFieldStart("dictionaries");
                for (Map.Entry<Long, ArrayData> entry : dictionaries.entrySet()) {
                    ArrayData dictionary = entry.getValue();
                    g.writeStartObject();
                    g.writeNumberField("id", entry.getKey());
                    g.writeObjectFieldStart("data");
                    g.writeNumberField("count", dictionary.length());
                    g.writeArrayFieldStart("columns");
                    columns.write("DICT" + entry.getKey(), dictionary.type(), dictionary);
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("batches");
            for (RecordBatch batch : data.batches()) {
                g.writeStartObject();
                g.writeNumberField("count", batch.rowCount());
                g.writeArrayFieldStart("columns");
                for (int c = 0; c < schema.size(); c++) {
                    Field field = schema.field(c);
                    columns.write(field.name(), field.type(), batch.column(c).data());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.flush();
    }

    /** The document as a string. */
    public static String toJson(IntegrationData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, data);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SortedMap<Long, ArrayData> dictionaries(Schema schema, IntegrationData data) {
        SortedMap<Long, ArrayData> all = new TreeMap<>();
        for (Map.Entry<Long, Array> entry : data.dictionaries().entrySet()) {
            all.put(entry.getKey(), entry.getValue().data());
        }
        DictionaryCollector.collect(schema, data.batches())
                .forEach((id, dictionary) -> DictionaryCollector.add(all, id, dictionary, "the batches"));
        return all;
    }

    /** Two-space indentation, one member or element per line, {@code "key": value}, as Python's json.dumps(indent=2). */
    private static DefaultPrettyPrinter prettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return printer;
    }
}
