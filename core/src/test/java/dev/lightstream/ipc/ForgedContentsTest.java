package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.InvalidArrayException;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.UnionArray;
import dev.lightstream.fixtures.RoundTrip;
import dev.lightstream.fixtures.StreamLayout;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.UnionMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Valid streams forged in their bodies (offsets, union type ids and offsets, dictionary indices,
 * run ends, view buffer indices, list views, validity bitmaps): each forgery is refused, with
 * {@code validateContents} on, by an {@link InvalidIpcException} naming the message, the field
 * path and what is wrong (its cause, the validator's {@link InvalidArrayException}, has the
 * path). With validation off the same bytes decode: only the O(n) checks were skipped.
 */
@Timeout(30)
class ForgedContentsTest {
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

    /** A stream of one batch of one column {@code field} holding {@code values}. */
    private byte[] stream(Field field, Object... values) throws IOException {
        return stream(field, ArrayBuilder.fromList(allocator, field.type(), Arrays.asList(values), blocks));
    }

    private byte[] stream(Field field, Array column) throws IOException {
        Schema schema = Schema.of(field);
        return RoundTrip.writeStream(schema, List.of(RecordBatch.of(schema, column)), allocator, IpcWriteOptions.DEFAULT);
    }

    /** A copy of {@code stream} whose bytes {@code patch} changes, given a little-endian view. */
    private static byte[] forge(byte[] stream, Consumer<ByteBuffer> patch) {
        byte[] copy = stream.clone();
        patch.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    /** Where buffer {@code buffer} of the first record batch starts. */
    private static int batchBuffer(byte[] stream, int buffer) {
        return StreamLayout.of(stream).recordBatches().getFirst().bufferStart(buffer);
    }

    /** Decodes all; returns the exception, or null if everything decoded (batches closed). */
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

    /**
     * Asserts that {@code forged} is refused naming {@code message}, {@code path} and
     * {@code problem}, and that it decodes without validation.
     */
    private void assertRefused(byte[] valid, byte[] forged, String message, String path, String problem) {
        assertThat(decode(valid, true)).as("the valid stream").isNull();
        IOException e = decode(forged, true);
        assertThat(e).isInstanceOf(InvalidIpcException.class)
                .hasMessageStartingWith(message + ": field '" + path + "': ")
                .hasMessageContaining(problem)
                .cause().isInstanceOf(InvalidArrayException.class);
        assertThat(((InvalidArrayException) e.getCause()).path()).isEqualTo(path);
        assertThat(decode(forged, false)).as("the forged stream without content validation").isNull();
    }

    private static final String BATCH = "message 1 (record batch)";

    @Test
    void binaryOffsets() throws IOException {
        byte[] valid = stream(Field.nullable("s", DataType.UTF8), "ab", "cd", "ef");
        int offsets = batchBuffer(valid, 1);
        assertRefused(valid, forge(valid, b -> b.putInt(offsets + 8, 1)), BATCH, "s", "offsets decrease at slot 2: 2 then 1");
        assertRefused(valid, forge(valid, b -> b.putInt(offsets + 12, 1000)), BATCH, "s",
                "last offset 1000 is past the end of the data buffer (buffer 2) (6)");
        assertRefused(valid, forge(valid, b -> b.putInt(offsets, -5)), BATCH, "s", "offset at slot 0 is negative: -5");
    }

    @Test
    void largeBinaryOffsets() throws IOException {
        byte[] valid = stream(Field.nullable("lb", DataType.LARGE_BINARY), new byte[3], new byte[1]);
        int offsets = batchBuffer(valid, 1);
        assertRefused(valid, forge(valid, b -> b.putLong(offsets + 16, Long.MAX_VALUE)), BATCH, "lb",
                "last offset " + Long.MAX_VALUE + " is past the end");
    }

    @Test
    void listOffsetsAndNestedPaths() throws IOException {
        byte[] list = stream(Field.nullable("l", DataType.list(DataType.INT32)), List.of(1, 2), List.of(3));
        int offsets = batchBuffer(list, 1);
        assertRefused(list, forge(list, b -> b.putInt(offsets + 8, 9)), BATCH, "l",
                "last offset 9 is past the end of the child l.item (3)");

        DataType struct = DataType.struct(Field.nullable("x", DataType.list(DataType.UTF8)));
        byte[] nested = stream(Field.nullable("st", struct), java.util.Map.of("x", List.of("a", "bc")));
        // buffers: st validity, x validity, x offsets, item validity, item offsets, item data
        int itemOffsets = batchBuffer(nested, 4);
        assertRefused(nested, forge(nested, b -> b.putInt(itemOffsets + 8, 100)), BATCH, "st.x.item",
                "last offset 100 is past the end of the data buffer");
    }

    @Test
    void listViews() throws IOException {
        byte[] valid = stream(Field.nullable("lv", new DataType.ListView(Field.nullable("item", DataType.INT32))),
                List.of(1, 2), List.of(3));
        int sizes = batchBuffer(valid, 2);
        assertRefused(valid, forge(valid, b -> b.putInt(sizes, 100)), BATCH, "lv",
                "list view of slot 0 (offset=0 size=100) is outside the child of length 3");
        int offsets = batchBuffer(valid, 1);
        assertRefused(valid, forge(valid, b -> b.putInt(offsets + 4, -1)), BATCH, "lv", "offset=-1");
    }

    private Array union(DataType.Union type) {
        UnionArray.Builder builder = UnionArray.builder(allocator, type);
        builder.append(type.typeIds().get(0), 5).append(type.typeIds().get(1), "x").append(type.typeIds().get(0), 6);
        return builder.build(blocks);
    }

    @Test
    void unionTypeIdsAndOffsets() throws IOException {
        List<Field> children = List.of(Field.nullable("i", DataType.INT32), Field.nullable("s", DataType.UTF8));
        DataType.Union sparse = new DataType.Union(UnionMode.SPARSE, children, List.of(3, 7));
        byte[] valid = stream(Field.nullable("u", sparse), union(sparse));
        int typeIds = batchBuffer(valid, 0);
        assertRefused(valid, forge(valid, b -> b.put(typeIds + 1, (byte) 9)), BATCH, "u",
                "slot 1 has type id 9, not one of [3, 7]");
        assertRefused(valid, forge(valid, b -> b.put(typeIds + 2, (byte) -1)), BATCH, "u", "slot 2 has type id -1");

        DataType.Union dense = new DataType.Union(UnionMode.DENSE, children, List.of(0, 1));
        byte[] denseValid = stream(Field.nullable("du", dense), union(dense));
        int offsets = batchBuffer(denseValid, 1);
        assertRefused(denseValid, forge(denseValid, b -> b.putInt(offsets, 7)), BATCH, "du",
                "slot 0 has offset 7 outside child 0 of length 2");
        assertRefused(denseValid, forge(denseValid, b -> b.putInt(offsets + 4, -3)), BATCH, "du",
                "slot 1 has offset -3 outside child 1 of length 1");
    }

    @Test
    void dictionaryIndicesAndDictionaries() throws IOException {
        for (DataType.Int indexType : List.of(DataType.INT8, DataType.UINT16, DataType.INT32, DataType.UINT64)) {
            Field field = Field.nullable("d", DataType.dictionary(indexType, DataType.UTF8));
            byte[] valid = stream(field, "x", "y", "x");
            int indices = batchBuffer(valid, 1);
            int width = indexType.byteWidth();
            byte[] forged = forge(valid, b -> {
                for (int k = 0; k < width; k++) {
                    b.put(indices + width + k, (byte) (k == 0 ? 7 : 0));
                }
            });
            assertRefused(valid, forged, "message 2 (record batch)", "d",
                    "slot 1 has dictionary index 7 outside the dictionary of length 2");
            byte[] negative = forge(valid, b -> {
                for (int k = 0; k < width; k++) {
                    b.put(indices + k, (byte) -1);
                }
            });
            String shown = switch (width) {
                case 1 -> "-1";
                case 2 -> "65535";
                default -> indexType.signed() ? "-1" : "18446744073709551615";
            };
            assertRefused(valid, negative, "message 2 (record batch)", "d", "slot 0 has dictionary index " + shown);
            // The dictionary batch itself: its utf8 offsets.
            int dictionaryOffsets = StreamLayout.of(valid).dictionaryBatches().getFirst().bufferStart(1);
            assertRefused(valid, forge(valid, b -> b.putInt(dictionaryOffsets + 4, 50)),
                    "message 1 (dictionary batch) (dictionary id 0)", "d[dictionary]", "offsets decrease at slot 2: 50 then 2");
        }
    }

    @Test
    void filesAreValidatedToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        Field field = Field.nullable("d", DataType.dictionary(DataType.INT32, DataType.UTF8));
        Schema schema = Schema.of(field);
        Array column = ArrayBuilder.fromList(allocator, field.type(), List.of("x", "y", "x"), blocks);
        java.nio.file.Path file = RoundTrip.writeFile(schema, List.of(RecordBatch.of(schema, column)), allocator,
                IpcWriteOptions.DEFAULT, dir);
        byte[] valid = java.nio.file.Files.readAllBytes(file);
        StreamLayout layout = StreamLayout.of(valid, 8);
        int indices = layout.recordBatches().getFirst().bufferStart(1);
        int offsets = layout.dictionaryBatches().getFirst().bufferStart(1);
        assertThat(readFile(valid, dir, true)).isNull();
        byte[] badIndex = forge(valid, b -> b.putInt(indices + 4, 7));
        assertThat(readFile(badIndex, dir, true)).isInstanceOf(InvalidIpcException.class)
                .hasMessage("record batch 0: field 'd': slot 1 has dictionary index 7 outside the dictionary of length 2");
        assertThat(readFile(badIndex, dir, false)).isNull();
        byte[] badDictionary = forge(valid, b -> b.putInt(offsets + 8, 99));
        assertThat(readFile(badDictionary, dir, true)).isInstanceOf(InvalidIpcException.class)
                .hasMessageStartingWith("dictionary block 0 (dictionary id 0): field 'd[dictionary]': last offset 99");
    }

    /** Opens a file of {@code bytes} and reads every batch; returns the exception, or null. */
    private IOException readFile(byte[] bytes, java.nio.file.Path dir, boolean validate) {
        try {
            java.nio.file.Path path = java.nio.file.Files.write(dir.resolve("forged.arrow"), bytes);
            try (ArrowFileReader reader = new ArrowFileReader(path, allocator,
                    IpcReadOptions.DEFAULT.withValidateContents(validate))) {
                for (int i = 0; i < reader.batchCount(); i++) {
                    reader.batch(i).close();
                }
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void runEnds() throws IOException {
        Field field = Field.nullable("r", DataType.runEndEncoded(DataType.INT32, DataType.UTF8));
        byte[] valid = stream(field, "a", "a", "b", "b", "b");
        // buffers: run ends validity, run ends, values validity, values offsets, values data
        int ends = batchBuffer(valid, 1);
        assertRefused(valid, forge(valid, b -> b.putInt(ends + 4, 2)), BATCH, "r.run_ends",
                "run ends are not strictly increasing at run 1: 2 then 2");
        assertRefused(valid, forge(valid, b -> b.putInt(ends + 4, 4)), BATCH, "r.run_ends",
                "last run end 4 is before offset + length = 5");
        assertRefused(valid, forge(valid, b -> b.putInt(ends, 0)), BATCH, "r.run_ends", "run end 0 is not positive: 0");
    }

    @Test
    void viewBufferIndicesOffsetsAndPrefixes() throws IOException {
        String longValue = "a value longer than twelve bytes";
        byte[] valid = stream(Field.nullable("v", DataType.UTF8_VIEW), "short", longValue);
        int view = batchBuffer(valid, 1) + 16; // slot 1: length, prefix, buffer index, offset
        assertRefused(valid, forge(valid, b -> b.putInt(view + 8, 3)), BATCH, "v",
                "view of slot 1 points at data buffer 3, but there are 1");
        assertRefused(valid, forge(valid, b -> b.putInt(view + 8, -1)), BATCH, "v", "points at data buffer -1");
        assertRefused(valid, forge(valid, b -> b.putInt(view + 12, 1000)), BATCH, "v",
                "view of slot 1 (offset=1000 length=" + longValue.length() + ") is outside data buffer 0");
        assertRefused(valid, forge(valid, b -> b.putInt(view, -4)), BATCH, "v", "view of slot 1 has a negative length: -4");
        assertRefused(valid, forge(valid, b -> b.put(view + 4, (byte) 'Z')), BATCH, "v",
                "view of slot 1 has a prefix that differs from its data");
    }

    @Test
    void validityBitmapsAgainstNullCounts() throws IOException {
        byte[] valid = stream(Field.nullable("n", DataType.INT32), 1, null, 3);
        int validity = batchBuffer(valid, 0);
        assertRefused(valid, forge(valid, b -> b.put(validity, (byte) 0b001)), BATCH, "n",
                "nullCount=1 but the validity bitmap has 2 nulls");
    }

    /**
     * A run-end encoded array with values but no runs is a lie of the field nodes: refused by the
     * O(1) checks, which run with content validation off too (it was accepted then, and every
     * accessor of the array threw).
     */
    @Test
    void runEndEncodingWithoutRunsIsRefusedWithoutContentValidation() throws IOException {
        Field field = Field.nullable("r", DataType.runEndEncoded(DataType.INT32, DataType.INT32));
        byte[] valid = stream(field, 5);
        // The nodes vector holds {length, nullCount} for r, r.run_ends and r.values: {1, 0} each.
        ByteBuffer nodes = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        nodes.putLong(1).putLong(0).putLong(1).putLong(0).putLong(1).putLong(0);
        int at = indexOf(valid, nodes.array());
        assertThat(at).as("the field nodes in the metadata").isPositive();
        byte[] forged = forge(valid, b -> b.putLong(at + 16, 0).putLong(at + 32, 0));
        for (boolean validate : new boolean[] {true, false}) {
            assertThat(decode(forged, validate)).as("validate=" + validate).isInstanceOf(InvalidIpcException.class)
                    .hasMessage(BATCH + ": run-end encoded field 'r' has 1 values but no runs");
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (bytes[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A delta joined to a dictionary whose nested dictionary was replaced in between: the old
     * values' nested indices were valid against the old nested dictionary, not against the new
     * one, yet the joined dictionary was not validated, and reading the batch threw
     * IndexOutOfBoundsException. Forged by splicing a replacement of the nested dictionary (from
     * another stream) in front of a delta our writer sent.
     */
    @Test
    void aDeltaJoinedAfterItsNestedDictionaryWasReplacedIsValidated() throws IOException {
        DataType.Dictionary inner = DataType.dictionary(DataType.INT32, DataType.UTF8);
        DataType.Dictionary outer = DataType.dictionary(DataType.INT32,
                DataType.struct(Field.nullable("i", inner).withDictionaryId(1)));
        Schema schema = Schema.of(Field.nullable("x", outer).withDictionaryId(0));
        // x's dictionary grows from [{i: c}] to [{i: c}, {i: a}] over inner [a, b, c]: a delta.
        ArrayData abc = dev.lightstream.fixtures.TestArrays.utf8(allocator, blocks, "a", "b", "c");
        byte[] grown = RoundTrip.writeStream(schema, List.of(
                RecordBatch.of(schema, Array.of(outerOf(outer, inner, abc, new Integer[] {2}, 0))),
                RecordBatch.of(schema, Array.of(outerOf(outer, inner, abc, new Integer[] {2, 0}, 1)))),
                allocator, IpcWriteOptions.DEFAULT);
        ArrayData z = dev.lightstream.fixtures.TestArrays.utf8(allocator, blocks, "z");
        byte[] other = RoundTrip.writeStream(schema, List.of(
                RecordBatch.of(schema, Array.of(outerOf(outer, inner, z, new Integer[] {0}, 0)))),
                allocator, IpcWriteOptions.DEFAULT);
        List<StreamLayout.Message> messages = StreamLayout.of(grown).messages();
        // schema, inner, x, batch, x delta, batch (then the end marker)
        assertThat(messages).extracting(StreamLayout.Message::dictionaryId).containsExactly(-1L, 1L, 0L, -1L, 0L, -1L);
        byte[] replacement = StreamLayout.of(other).messages().get(1).bytes(other); // inner = [z]
        java.io.ByteArrayOutputStream forged = new java.io.ByteArrayOutputStream();
        forged.writeBytes(java.util.Arrays.copyOfRange(grown, 0, messages.get(4).start()));
        forged.writeBytes(replacement);
        forged.writeBytes(java.util.Arrays.copyOfRange(grown, messages.get(4).start(), grown.length));
        assertThat(decode(forged.toByteArray(), true)).isInstanceOf(InvalidIpcException.class)
                .hasMessage("message 5 (dictionary batch) (dictionary id 0 joined to its delta): field 'x[dictionary].i':"
                        + " slot 0 has dictionary index 2 outside the dictionary of length 1");
    }

    /** A column of {@code outer} whose dictionary holds structs {i: inner[k]} for each k of {@code keys}. */
    private ArrayData outerOf(DataType.Dictionary outer, DataType.Dictionary inner, ArrayData innerValues,
            Integer[] keys, Integer... indices) {
        ArrayData i = dev.lightstream.fixtures.TestArrays.dictionary(inner, innerValues, allocator, blocks, keys);
        ArrayData values = new ArrayData(outer.valueType(), keys.length, 0, 0, new java.lang.foreign.MemorySegment[] {null},
                List.of(i), null);
        return dev.lightstream.fixtures.TestArrays.dictionary(outer, values, allocator, blocks, indices);
    }
}
