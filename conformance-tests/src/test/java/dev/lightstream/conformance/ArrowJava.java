package dev.lightstream.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.JsonFileReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Validator;

/**
 * Arrow Java 19 as the other implementation: its own integration steps (what its archery tester,
 * {@code org.apache.arrow.tools.Integration}, does), written here against its public API.
 *
 * <p>Its {@link JsonFileReader} reads plain JSON only, so gold {@code .json.gz} files are
 * decompressed first. Each step uses its own {@link RootAllocator}, whose close fails if Arrow
 * Java leaked.
 */
final class ArrowJava {
    private ArrowJava() {}

    /** {@code json} decompressed into {@code dir} (Arrow Java's reader takes plain JSON only). */
    static Path plainJson(Path json, Path dir) throws IOException {
        String name = json.getFileName().toString();
        if (!name.endsWith(".gz")) {
            return json;
        }
        Path plain = dir.resolve(name.substring(0, name.length() - 3));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(json))) {
            Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return plain;
    }

    /** Arrow Java's JSON_TO_ARROW: reads the JSON with its JsonFileReader, writes an IPC file. */
    static void jsonToArrow(Path json, Path out) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                JsonFileReader reader = new JsonFileReader(json.toFile(), allocator)) {
            Schema schema = reader.start();
            try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                    FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowFileWriter writer = new ArrowFileWriter(root, reader, channel)) {
                writer.start();
                while (reader.read(root)) {
                    writer.writeBatch();
                }
                writer.end();
            }
        }
    }

    /**
     * Arrow Java's VALIDATE: reads the JSON with its JsonFileReader and the IPC file (or stream)
     * with its reader, and compares schema, every batch and the dictionaries with its
     * {@link Validator}.
     *
     * @throws IllegalArgumentException (from the Validator) or another exception when Arrow Java
     *     finds a difference or cannot read either side
     */
    static void validate(Path json, Path arrow, boolean stream) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                JsonFileReader jsonReader = new JsonFileReader(json.toFile(), allocator);
                FileChannel channel = FileChannel.open(arrow, StandardOpenOption.READ);
                ArrowReader arrowReader = stream ? new ArrowStreamReader(channel, allocator)
                        : new ArrowFileReader(channel, allocator)) {
            Schema jsonSchema = jsonReader.start();
            VectorSchemaRoot arrowRoot = arrowReader.getVectorSchemaRoot();
            Validator.compareSchemas(jsonSchema, arrowRoot.getSchema());
            int batches = 0;
            while (true) {
                VectorSchemaRoot jsonRoot = jsonReader.read();
                boolean more = arrowReader.loadNextBatch();
                if (jsonRoot == null || !more) {
                    if (jsonRoot != null) {
                        jsonRoot.close();
                    }
                    if ((jsonRoot == null) != !more) {
                        throw new IllegalArgumentException("batch " + batches + ": the "
                                + (more ? "IPC input" : "JSON") + " has more batches");
                    }
                    break;
                }
                try (jsonRoot) {
                    Validator.compareVectorSchemaRoot(arrowRoot, jsonRoot);
                }
                batches++;
            }
            Validator.compareDictionaries(encodings(jsonSchema), encodings(arrowRoot.getSchema()), jsonReader,
                    (DictionaryProvider) arrowReader);
        }
    }

    /**
     * Reads an IPC stream of dictionary-encoded columns with Arrow Java's ArrowStreamReader and
     * returns, per batch, every column's values decoded through the dictionary in force for that
     * batch (as strings), columns one after the other.
     */
    static List<List<String>> decodedDictionaryColumns(Path stream) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel channel = FileChannel.open(stream, StandardOpenOption.READ);
                ArrowStreamReader reader = new ArrowStreamReader(channel, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<List<String>> batches = new java.util.ArrayList<>();
            while (reader.loadNextBatch()) {
                List<String> values = new java.util.ArrayList<>();
                for (org.apache.arrow.vector.FieldVector vector : root.getFieldVectors()) {
                    long id = vector.getField().getDictionary().getId();
                    try (org.apache.arrow.vector.ValueVector decoded = org.apache.arrow.vector.dictionary.DictionaryEncoder
                            .decode(vector, reader.getDictionaryVectors().get(id))) {
                        for (int i = 0; i < decoded.getValueCount(); i++) {
                            Object v = decoded.getObject(i);
                            values.add(v == null ? null : v.toString());
                        }
                    }
                }
                batches.add(values);
            }
            return batches;
        }
    }

    private static List<DictionaryEncoding> encodings(Schema schema) {
        return schema.getFields().stream().map(Field::getDictionary).filter(Objects::nonNull).toList();
    }
}
