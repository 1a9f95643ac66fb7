package dev.lightstream.ipc;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.testing.ArrowTestingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The golden IPC cases of arrow-testing and helpers to read them whole. */
public final class Golden {
    private Golden() {}

    /** The base paths (without extension) of every case that has a .stream file. */
    public static List<Path> cases() {
        List<Path> cases = new ArrayList<>();
        for (Path stream : ArrowTestingData.files(ArrowTestingData.integration(), ".stream")) {
            String name = stream.getFileName().toString();
            cases.add(stream.resolveSibling(name.substring(0, name.length() - ".stream".length())));
        }
        if (cases.size() < 60) {
            throw new IllegalStateException("only " + cases.size() + " golden cases found");
        }
        return cases;
    }

    public static Stream<Path> uncompressedCases() {
        return cases().stream().filter(p -> !p.toString().contains("compression"));
    }

    public static Stream<Path> compressedCases() {
        return cases().stream().filter(p -> p.toString().contains("compression"));
    }

    public static String name(Path base) {
        return base.getParent().getFileName() + "/" + base.getFileName();
    }

    public static Path stream(Path base) {
        return base.resolveSibling(base.getFileName() + ".stream");
    }

    public static Path file(Path base) {
        return base.resolveSibling(base.getFileName() + ".arrow_file");
    }

    /** A schema and batches read whole; closing releases the batches. */
    public record Content(Schema schema, List<RecordBatch> batches) implements AutoCloseable {
        @Override
        public void close() {
            batches.forEach(RecordBatch::close);
        }
    }

    public static Content readStream(Path path, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(path), allocator)) {
            Schema schema = reader.schema();
            List<RecordBatch> batches = new ArrayList<>();
            RecordBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
            return new Content(schema, batches);
        }
    }

    public static Content readFile(Path path, BufferAllocator allocator) throws IOException {
        try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
            List<RecordBatch> batches = new ArrayList<>();
            for (int i = 0; i < reader.batchCount(); i++) {
                batches.add(reader.batch(i));
            }
            return new Content(reader.schema(), batches);
        }
    }

    /**
     * Equal schemas and batches. One quirk of the data is forgiven: the 1.0.0 .stream files of
     * generated_map_non_canonical carry canonical map child names ("entries", "key", "value")
     * where their .arrow_file and .json carry the non-canonical ones, so map child names are
     * canonicalized before comparing those.
     */
    public static void assertEqual(Content expected, Content actual, String where) {
        Schema e = expected.schema();
        Schema a = actual.schema();
        if (where.contains("1.0.0-") && where.contains("map_non_canonical")) {
            e = canonicalMapNames(e);
            a = canonicalMapNames(a);
        }
        org.assertj.core.api.Assertions.assertThat(a).as(where + " schema").isEqualTo(e);
        org.assertj.core.api.Assertions.assertThat(actual.batches()).as(where + " batch count").hasSameSizeAs(expected.batches());
        for (int i = 0; i < expected.batches().size(); i++) {
            Batches.assertSameValues(expected.batches().get(i), actual.batches().get(i), where + " batch " + i);
        }
    }

    static Schema canonicalMapNames(Schema schema) {
        return new Schema(schema.fields().stream().map(Golden::canonicalMapNames).toList(), schema.metadata());
    }

    private static Field canonicalMapNames(Field field) {
        if (field.type() instanceof DataType.Map m) {
            Field key = m.key().withName("key");
            Field value = m.value().withName("value");
            Field entries = m.entries().withName("entries").withType(new DataType.Struct(List.of(key, value)));
            return field.withType(new DataType.Map(entries, m.keysSorted()));
        }
        return field;
    }
}
