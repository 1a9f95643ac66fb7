package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.fixtures.StreamLayout;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Child lengths that do not fit their parent, forged in the field nodes of a valid stream's
 * metadata: a struct child shorter than the struct, a fixed-size list whose child is short of
 * {@code length * listSize}, a run-end encoded array whose values are fewer than its runs. Each is
 * refused before any value is read, by an {@link InvalidIpcException} naming the field, with
 * content validation on or off (these are the O(1) checks).
 */
@Timeout(30)
class ForgedChildLengthsTest {
    private LeakCheckingAllocator allocator;
    private final List<MemoryBlock> blocks = new ArrayList<>();

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        blocks.forEach(MemoryBlock::release);
        allocator.close(); // fails on leaks
    }

    private byte[] stream(Field field, Object... values) throws IOException {
        Schema schema = Schema.of(field);
        var column = ArrayBuilder.fromList(allocator, field.type(), Arrays.asList(values), blocks);
        return RoundTrip.writeStream(schema, List.of(RecordBatch.of(schema, column)), allocator, IpcWriteOptions.DEFAULT);
    }

    /**
     * A copy of {@code stream} whose first record batch has field node {@code node} set to
     * {@code length}. The nodes vector is found by its shape: a count, then (length, null count)
     * pairs of 16 bytes equal to {@code nodes}.
     */
    private static byte[] forgeNode(byte[] stream, long[][] nodes, int node, long length) {
        StreamLayout.Message batch = StreamLayout.of(stream).recordBatches().getFirst();
        ByteBuffer b = ByteBuffer.wrap(stream.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int found = -1;
        search:
        for (int at = batch.start(); at + 4 + 16 * nodes.length <= batch.bodyStart(); at += 4) {
            if (b.getInt(at) != nodes.length) {
                continue;
            }
            for (int i = 0; i < nodes.length; i++) {
                if (b.getLong(at + 4 + 16 * i) != nodes[i][0] || b.getLong(at + 12 + 16 * i) != nodes[i][1]) {
                    continue search;
                }
            }
            assertThat(found).as("the nodes vector is ambiguous").isEqualTo(-1);
            found = at;
        }
        assertThat(found).as("nodes vector " + Arrays.deepToString(nodes)).isNotNegative();
        b.putLong(found + 4 + 16 * node, length);
        return b.array();
    }

    private IOException decode(byte[] bytes, boolean validate) {
        try (StreamDecoder decoder = new StreamDecoder(allocator, IpcReadOptions.DEFAULT.withValidateContents(validate))) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                    batch.close();
                }
            }
            decoder.finish();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private void assertRefused(byte[] valid, byte[] forged, boolean validate, String problem) {
        assertThat(decode(valid, validate)).as("the valid stream").isNull();
        assertThat(decode(forged, validate)).isInstanceOf(InvalidIpcException.class)
                .hasMessageStartingWith("message 1 (record batch): ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "validateContents={0}")
    @ValueSource(booleans = {true, false})
    void structChildShorterThanTheStruct(boolean validate) throws IOException {
        DataType struct = DataType.struct(Field.nullable("a", DataType.INT32), Field.nullable("b", DataType.UTF8));
        byte[] valid = stream(Field.nullable("s", struct), Map.of("a", 1, "b", "x"), Map.of("a", 2, "b", "y"),
                Map.of("a", 3, "b", "z"));
        long[][] nodes = {{3, 0}, {3, 0}, {3, 0}};
        assertRefused(valid, forgeNode(valid, nodes, 2, 2), validate, "field 's.b' has length 2, shorter than its parent's 3");
    }

    @ParameterizedTest(name = "validateContents={0}")
    @ValueSource(booleans = {true, false})
    void fixedSizeListChildShort(boolean validate) throws IOException {
        byte[] valid = stream(Field.nullable("f", DataType.fixedSizeList(DataType.INT32, 2)),
                List.of(1, 2), List.of(3, 4), List.of(5, 6));
        long[][] nodes = {{3, 0}, {6, 0}};
        assertRefused(valid, forgeNode(valid, nodes, 1, 5), validate, "field 'f' has 3 lists of 2 but its child has only 5 values");
    }

    @ParameterizedTest(name = "validateContents={0}")
    @ValueSource(booleans = {true, false})
    void runEndValuesFewerThanRuns(boolean validate) throws IOException {
        byte[] valid = stream(Field.nullable("r", DataType.runEndEncoded(DataType.INT32, DataType.UTF8)),
                "a", "a", "b", "b", "b");
        long[][] nodes = {{5, 0}, {2, 0}, {2, 0}};
        assertRefused(valid, forgeNode(valid, nodes, 2, 1), validate, "run-end encoded field 'r' has 2 run ends but 1 values");
    }

    @Test
    void aColumnShorterThanTheBatch() throws IOException {
        byte[] valid = stream(Field.nullable("i", DataType.INT32), 1, 2, 3);
        assertRefused(valid, forgeNode(valid, new long[][] {{3, 0}}, 0, 2), true, "column 'i' has length 2");
    }
}
