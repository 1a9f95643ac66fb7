package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.ipc.internal.ArrayConcat;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the random round trips ({@link RandomRoundTripTest}) found broken, one test each, named
 * after what broke.
 */
@Timeout(30)
class RoundTripRegressionTest {
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

    private Array array(DataType type, Object... values) {
        return ArrayBuilder.fromList(allocator, type, Arrays.asList(values), blocks);
    }

    private static void assertEqual(List<RecordBatch> expected, Golden.Content actual, String where) {
        assertThat(actual.batches()).as(where).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(ArrayEquality.defaults().compare(expected.get(i), actual.batches().get(i)))
                    .as(where + " batch " + i).isEmpty();
        }
    }

    /** Seed 704 and others: the writer cast an extension array over run-end encoding to RunEndEncodedArray. */
    @Test
    void extensionOverRunEndEncodingIsWritten() throws IOException {
        DataType type = DataType.extension("lightstream.runs", DataType.runEndEncoded(DataType.INT16, DataType.UTF8), "");
        Schema schema = Schema.of(Field.nullable("e", type));
        Array column = array(type, "a", "a", "b", null, null, "c");
        List<RecordBatch> batches = List.of(RecordBatch.of(schema, column), RecordBatch.of(schema, column.slice(1, 4)));
        byte[] stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
        try (Golden.Content back = RoundTrip.readStream(stream, allocator)) {
            assertEqual(batches, back, "stream");
            assertThat(back.batches().get(1).column(0).getObject(0)).isEqualTo("a");
            assertThat(back.batches().get(1).column(0).getObject(3)).isNull();
        }
        Path file = RoundTrip.writeFile(schema, batches, allocator, IpcWriteOptions.DEFAULT, dir);
        try (Golden.Content back = Golden.readFile(file, allocator)) {
            assertEqual(batches, back, "file");
        }
    }

    /** The same cast in the concatenation of delta dictionaries (and of the writer's copies of dictionaries). */
    @Test
    void extensionOverRunEndEncodingConcatenates() {
        DataType type = DataType.extension("lightstream.runs", DataType.runEndEncoded(DataType.INT32, DataType.INT64), "");
        Array first = array(type, 1L, 1L, 2L);
        Array second = array(type, 2L, 3L, 3L, 3L);
        ArrayData joined = ArrayConcat.concat(List.of(first.slice(1, 2).data(), second.data()), allocator, blocks);
        assertThat(ArrayEquality.defaults().compare(array(type, 1L, 2L, 2L, 3L, 3L, 3L), Array.of(joined))).isEmpty();
    }

    /**
     * Seed 4 and others: a batch whose dictionary had the same values as the one sent, in a new
     * array, made the writer send it again as a replacement, which the file writer refused.
     */
    @Test
    void anEqualDictionaryInANewArrayIsNotSentAgain() throws IOException {
        DataType.Dictionary type = DataType.dictionary(DataType.INT8, DataType.UTF8);
        Schema schema = Schema.of(Field.nullable("d", type).withDictionaryId(0));
        List<RecordBatch> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ArrayData dictionary = TestArrays.utf8(allocator, blocks, "x", "y");
            batches.add(RecordBatch.of(schema, Array.of(TestArrays.dictionary(type, dictionary, allocator, blocks, i % 2, 1))));
        }
        Path file = RoundTrip.writeFile(schema, batches, allocator, IpcWriteOptions.DEFAULT, dir);
        try (Golden.Content back = Golden.readFile(file, allocator)) {
            assertEqual(batches, back, "file");
        }
        byte[] stream = RoundTrip.writeStream(schema, batches, allocator, IpcWriteOptions.DEFAULT);
        int dictionaryMessages = 0;
        try (StreamDecoder decoder = new StreamDecoder(allocator)) {
            ByteBuffer in = ByteBuffer.wrap(stream);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                if (message instanceof IpcMessage.DictionaryBatch) {
                    dictionaryMessages++;
                } else if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                    batch.close();
                }
            }
        }
        assertThat(dictionaryMessages).as("dictionary messages").isEqualTo(1);
    }
}
