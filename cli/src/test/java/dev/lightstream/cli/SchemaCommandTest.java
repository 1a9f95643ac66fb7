package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code lightstream schema}: fields, and for files the batch and row counts from the footer. */
class SchemaCommandTest {
    @TempDir
    Path dir;

    static Stream<Path> goldenCases() {
        return Golden.cases().stream();
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void countsOfEveryGoldenFileMatchWhatItHolds(Path base) throws Exception {
        Path file = Golden.file(base);
        Cli.Result result = Cli.run("schema", file.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        int batches;
        long rows = 0;
        Schema schema;
        try (BufferAllocator allocator = BufferAllocator.create();
             ArrowFileReader reader = new ArrowFileReader(file, allocator)) {
            schema = reader.schema();
            batches = reader.batchCount();
            for (int i = 0; i < batches; i++) {
                try (RecordBatch batch = reader.batch(i)) {
                    rows += batch.rowCount();
                }
            }
        }
        List<String> lines = result.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Arrow IPC file: " + file);
        assertThat(lines).contains("fields: " + schema.size(), "batches: " + batches, "rows: " + rows);
        for (Field field : schema.fields()) {
            assertThat(lines).anyMatch(line -> line.startsWith("  " + (field.name().isEmpty() ? "\"\"" : field.name()) + ": "));
        }
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void streamsShowTheirSchemaWithoutCounts(Path base) {
        Cli.Result result = Cli.run("schema", Golden.stream(base).toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Arrow IPC stream: " + Golden.stream(base) + "\nfields: ")
                .doesNotContain("\nbatches: ");
    }

    @Test
    void printsTypesNullabilityDictionariesAndMetadata() throws Exception {
        Schema schema = Schema.of(
                        Field.of("id", DataType.INT64),
                        Field.nullable("city", DataType.dictionary(DataType.INT16, DataType.UTF8))
                                .withMetadata(Map.of("unit", "none")),
                        Field.nullable("tags", DataType.list(DataType.UTF8)))
                .withMetadata(Map.of("source", "test"));
        Path file = dir.resolve("t.arrow");
        try (BufferAllocator allocator = BufferAllocator.leakChecking();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            builder.appendRow(1L, "Oslo", List.of("a")).appendRow(2L, null, null);
            try (RecordBatch first = builder.build()) {
                builder.appendRow(3L, "Oslo", List.of());
                try (RecordBatch second = builder.build()) {
                    IpcFiles.writeFile(file, schema, List.of(first, second), allocator);
                }
            }
        }
        Cli.Result result = Cli.run("schema", file.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Arrow IPC file: " + file + "\n" + """
                fields: 3
                  id: int64 not null
                  city: dictionary<values=utf8, indices=int16> (dictionary id 0)
                    metadata:
                      unit = none
                  tags: list
                    item: utf8
                schema metadata:
                  source = test
                batches: 2
                rows: 3
                """);

        // The same file on stdin is read as the stream it embeds: the schema, no footer counts.
        Cli.Result piped = Cli.withStdin(Files.readAllBytes(file), "schema", "-");
        assertThat(piped.exit()).isZero();
        assertThat(piped.out()).startsWith("Arrow IPC file: stdin\nfields: 3\n  id: int64 not null\n")
                .doesNotContain("batches:");
    }

    @Test
    void aForcedFormatIsObeyed() {
        Path file = Golden.file(Golden.cases().getFirst());
        Cli.Result result = Cli.run("schema", "--from", "stream", file.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        Cli.Result asFile = Cli.run("schema", "--from", "FILE", Golden.stream(Golden.cases().getFirst()).toString());
        assertThat(asFile.exit()).isEqualTo(1);
        assertThat(asFile.err()).startsWith("lightstream: not an Arrow file");
    }
}
