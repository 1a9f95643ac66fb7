package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Dictionaries written as batches need them: once, as deltas, as replacements; read back by id. */
@Timeout(30)
class DictionaryWriteTest {
    private static final DataType.Dictionary TYPE = DataType.dictionary(DataType.INT32, DataType.UTF8);
    private static final Schema SCHEMA = Schema.of(
            Field.nullable("city", TYPE).withDictionaryId(0), Field.nullable("again", TYPE).withDictionaryId(0));

    private LeakCheckingAllocator allocator;
    private final List<MemoryBlock> blocks = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        blocks.forEach(MemoryBlock::release);
        allocator.close(); // fails on leaks
    }

    private RecordBatch batch(ArrayData dictionary, Integer... indices) {
        ArrayData column = TestArrays.dictionary(TYPE, dictionary, allocator, blocks, indices);
        return RecordBatch.of(SCHEMA, Array.of(column), Array.of(column));
    }

    private ArrayData strings(String... values) {
        return TestArrays.utf8(allocator, blocks, values);
    }

    private static List<Object> values(RecordBatch batch, int column) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < batch.rowCount(); i++) {
            out.add(batch.column(column).getObject(i));
        }
        return out;
    }

    @Test
    void streamSendsOnceThenDeltasThenReplacements() throws IOException {
        ArrayData first = strings("Paris", "Oslo");
        ArrayData extended = strings("Paris", "Oslo", "Lima");
        ArrayData other = strings("Rome", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), SCHEMA, allocator)) {
            writer.write(batch(first, 0, 1, null));
            writer.write(batch(first, 1, 1, 0));      // same array: nothing sent
            writer.write(batch(extended, 2, 0, 1));   // extends: a delta of ["Lima"]
            writer.write(batch(other, 0, 1, 0));      // neither: a replacement
        }
        List<String> sequence = new ArrayList<>();
        List<RecordBatch> batches = new ArrayList<>();
        try (StreamDecoder decoder = new StreamDecoder(allocator)) {
            ByteBuffer in = ByteBuffer.wrap(out.toByteArray());
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                switch (message) {
                    case IpcMessage.SchemaMessage s -> {
                        sequence.add("schema");
                        assertThat(s.schema().field(0).dictionaryId()).isEqualTo(0);
                        assertThat(s.schema().field(1).dictionaryId()).isEqualTo(0);
                    }
                    case IpcMessage.DictionaryBatch d -> sequence.add("dictionary " + d.id() + (d.isDelta() ? " delta" : "")
                            + " size " + d.dictionary().length());
                    case IpcMessage.RecordBatchMessage b -> {
                        sequence.add("batch");
                        batches.add(b.batch());
                    }
                    case IpcMessage.EndOfStream e -> sequence.add("end");
                }
            }
            assertThat(sequence).containsExactly("schema", "dictionary 0 size 2", "batch", "batch",
                    "dictionary 0 delta size 3", "batch", "dictionary 0 size 2", "batch", "end");
            // Batches decoded before the replacement keep their dictionary.
            assertThat(values(batches.get(0), 0)).containsExactly("Paris", "Oslo", null);
            assertThat(values(batches.get(1), 1)).containsExactly("Oslo", "Oslo", "Paris");
            assertThat(values(batches.get(2), 0)).containsExactly("Lima", "Paris", "Oslo");
            assertThat(values(batches.get(3), 0)).containsExactly("Rome", null, "Rome");
        } finally {
            batches.forEach(RecordBatch::close);
        }
    }

    @Test
    void anotherArrayOfTheSameValuesSendsNothingInStreamsAndFiles() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), SCHEMA, allocator)) {
            writer.write(batch(strings("a", null), 0, 1));
            writer.write(batch(strings("a", null), 1, 0));   // equal values, another array
            writer.write(batch(strings("a", "b"), 1));       // same length, other values: a replacement
        }
        List<String> dictionaries = new ArrayList<>();
        try (StreamDecoder decoder = new StreamDecoder(allocator)) {
            ByteBuffer in = ByteBuffer.wrap(out.toByteArray());
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                if (message instanceof IpcMessage.DictionaryBatch d) {
                    dictionaries.add(d.dictionary().getObject(1) + (d.isDelta() ? " delta" : ""));
                } else if (message instanceof IpcMessage.RecordBatchMessage b) {
                    b.batch().close();
                }
            }
        }
        assertThat(dictionaries).containsExactly("null", "b");

        Path path = dir.resolve("same.arrow");
        try (ArrowFileWriter writer = new ArrowFileWriter(path, SCHEMA, allocator)) {
            writer.write(batch(strings("x", "y"), 0, 1));
            writer.write(batch(strings("x", "y"), 1, 1));
        }
        try (ArrowFileReader reader = new ArrowFileReader(path, allocator);
             RecordBatch second = reader.batch(1)) {
            assertThat(values(second, 0)).containsExactly("y", "y");
        }
    }

    @Test
    void fileAllowsDeltasAndRefusesReplacements() throws IOException {
        ArrayData first = strings("a", "b");
        ArrayData extended = strings("a", "b", "c", "d");
        Path path = dir.resolve("delta.arrow");
        try (ArrowFileWriter writer = new ArrowFileWriter(path, SCHEMA, allocator)) {
            writer.write(batch(first, 0, 1));
            writer.write(batch(extended, 3, 2));
        }
        try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
            assertThat(reader.batchCount()).isEqualTo(2);
            // File dictionaries are all applied at open: the delta is part of the dictionary.
            assertThat(reader.dictionaries().get(0L).length()).isEqualTo(4);
            try (RecordBatch one = reader.batch(0); RecordBatch two = reader.batch(1)) {
                assertThat(values(one, 0)).containsExactly("a", "b");
                assertThat(values(two, 1)).containsExactly("d", "c");
            }
        }
        Path refused = dir.resolve("replace.arrow");
        try (ArrowFileWriter writer = new ArrowFileWriter(refused, SCHEMA, allocator)) {
            writer.write(batch(first, 0));
            RecordBatch replacing = batch(strings("z"), 0);
            assertThatThrownBy(() -> writer.write(replacing)).isInstanceOf(UnsupportedIpcFeatureException.class)
                    .hasMessageContaining("dictionary id 0").hasMessageContaining("replacements");
        }
    }

    @Test
    void idsAreAssignedToFieldsWithout() throws IOException {
        Schema schema = Schema.of(Field.nullable("x", TYPE), Field.nullable("y", TYPE).withDictionaryId(0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), schema, allocator)) {
            assertThat(writer.schema().field(0).dictionaryId()).isEqualTo(1); // 0 is taken by y
            assertThat(writer.schema().field(1).dictionaryId()).isEqualTo(0);
            ArrayData x = TestArrays.dictionary(TYPE, strings("x0"), allocator, blocks, 0);
            ArrayData y = TestArrays.dictionary(TYPE, strings("y0", "y1"), allocator, blocks, 1);
            writer.write(RecordBatch.of(schema, Array.of(x), Array.of(y)));
        }
        try (ArrowStreamReader reader = new ArrowStreamReader(
                Channels.newChannel(new java.io.ByteArrayInputStream(out.toByteArray())), allocator);
             RecordBatch batch = reader.next()) {
            assertThat(values(batch, 0)).containsExactly("x0");
            assertThat(values(batch, 1)).containsExactly("y1");
            assertThat(reader.dictionaries()).containsOnlyKeys(0L, 1L);
        }
    }
}
