package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link IpcReadOptions#maxDictionaryBytes()} bounds a dictionary after its deltas, not only each
 * dictionary message: a stream whose dictionary grows by deltas that are each under the limit is
 * refused when the total would pass it, before the concatenated dictionary is allocated.
 */
@Timeout(30)
class DictionaryLimitTest {
    private static final DataType.Dictionary TYPE = DataType.dictionary(DataType.INT32, DataType.UTF8);
    private static final Schema SCHEMA = Schema.of(Field.nullable("d", TYPE).withDictionaryId(0));

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

    /** A stream of two batches whose dictionary of 60 strings of 50 bytes grows by 60 more (a delta). */
    private byte[] growingStream() throws IOException {
        String[] first = IntStream.range(0, 60).mapToObj(i -> "a".repeat(48) + String.format("%02d", i))
                .toArray(String[]::new);
        String[] both = IntStream.range(0, 120).mapToObj(i -> (i < 60 ? "a" : "b").repeat(48) + String.format("%02d", i % 60))
                .toArray(String[]::new);
        ArrayData small = TestArrays.utf8(allocator, blocks, first);
        ArrayData grown = TestArrays.utf8(allocator, blocks, both);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), SCHEMA, allocator)) {
            writer.write(RecordBatch.of(SCHEMA, Array.of(TestArrays.dictionary(TYPE, small, allocator, blocks, 0, 59))));
            writer.write(RecordBatch.of(SCHEMA, Array.of(TestArrays.dictionary(TYPE, grown, allocator, blocks, 60, 119))));
        }
        return out.toByteArray();
    }

    private List<String> decode(byte[] stream, IpcReadOptions options) throws IOException {
        List<String> seen = new ArrayList<>();
        try (StreamDecoder decoder = new StreamDecoder(allocator, options)) {
            ByteBuffer in = ByteBuffer.wrap(stream);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                switch (message) {
                    case IpcMessage.DictionaryBatch d -> seen.add((d.isDelta() ? "delta " : "dictionary ") + d.dictionary().length());
                    case IpcMessage.RecordBatchMessage b -> {
                        try (RecordBatch batch = b.batch()) {
                            seen.add("batch " + batch.column(0).getObject(1));
                        }
                    }
                    default -> { }
                }
            }
        }
        return seen;
    }

    @Test
    void aDictionaryGrownByDeltasPastTheLimitIsRefused() throws IOException {
        byte[] stream = growingStream();
        assertThat(decode(stream, IpcReadOptions.DEFAULT))
                .containsExactly("dictionary 60", "batch " + "a".repeat(48) + "59", "delta 120", "batch " + "b".repeat(48) + "59");
        // Each dictionary message holds about 3.3 KB; together about 6.6 KB.
        IpcReadOptions tight = IpcReadOptions.DEFAULT.withMaxDictionaryBytes(5000);
        List<String> seen = new ArrayList<>();
        try (StreamDecoder decoder = new StreamDecoder(allocator, tight)) {
            ByteBuffer in = ByteBuffer.wrap(stream);
            IOException refused = null;
            try {
                IpcMessage message;
                while ((message = decoder.decode(in)) != null) {
                    seen.add(message.getClass().getSimpleName());
                    if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                        batch.close();
                    }
                }
            } catch (IOException e) {
                refused = e;
            }
            assertThat(refused).isInstanceOf(FrameTooLargeException.class)
                    .hasMessageContaining("dictionary 0 after delta").hasMessageContaining("5000");
            assertThat(((FrameTooLargeException) refused).length()).isGreaterThan(5000);
        }
        assertThat(seen).containsExactly("SchemaMessage", "DictionaryBatch", "RecordBatchMessage");
    }
}
