package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.RandomData;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sans-IO stream encoder: one sink call per whole message, the same bytes as the stream writer. */
@Timeout(30)
class StreamEncoderTest {

    /** Collects each message's bytes, copied during the call (the buffers are only valid then). */
    private static final class Collecting implements StreamEncoder.MessageSink {
        final List<byte[]> messages = new ArrayList<>();

        @Override
        public void message(List<ByteBuffer> buffers, long byteSize) {
            long sum = 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuffer b : buffers) {
                sum += b.remaining();
                byte[] bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
                out.writeBytes(bytes);
            }
            assertThat(sum).isEqualTo(byteSize);
            messages.add(out.toByteArray());
        }

        byte[] all() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            messages.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theMessagesAreExactlyTheStreamWritersBytes(long seed) throws IOException {
        RandomData random = new RandomData(seed);
        Schema schema = random.schema(6, 2);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            List<RecordBatch> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batches.add(random.batch(allocator, schema, 50));
            }
            Collecting sink = new Collecting();
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            try (StreamEncoder encoder = new StreamEncoder(schema, allocator, IpcWriteOptions.DEFAULT, sink);
                    ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(written), schema, allocator)) {
                for (RecordBatch batch : batches) {
                    encoder.write(batch);
                    writer.write(batch);
                }
                encoder.end();
                writer.end();
                assertThat(encoder.bytesEncoded()).isEqualTo(written.size());
            }
            assertThat(sink.all()).isEqualTo(written.toByteArray());
            // Each sink call is one whole message: a decoder fed one call at a time emits one message per call.
            try (StreamDecoder decoder = new StreamDecoder(allocator)) {
                int batch = 0;
                for (byte[] message : sink.messages) {
                    ByteBuffer in = ByteBuffer.wrap(message);
                    IpcMessage decoded = decoder.decode(in);
                    assertThat(decoded).isNotNull();
                    assertThat(in.hasRemaining()).isFalse();
                    if (decoded instanceof IpcMessage.RecordBatchMessage(RecordBatch b)) {
                        try (b) {
                            assertThat(ArrayEquality.defaults().compare(batches.get(batch++), b)).isEmpty();
                        }
                    }
                }
                assertThat(batch).isEqualTo(batches.size());
            }
            batches.forEach(RecordBatch::close);
        }
    }

    @Test
    void aFailingSinkLosesNothing() throws IOException {
        DataType.Dictionary type = DataType.dictionary(DataType.INT32, DataType.UTF8);
        Schema schema = Schema.of(Field.nullable("city", type));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            List<MemoryBlock> blocks = new ArrayList<>();
            ArrayData dictionary = TestArrays.utf8(allocator, blocks, "Oslo", "Lima");
            RecordBatch batch = RecordBatch.of(schema,
                    Array.of(TestArrays.dictionary(type, dictionary, allocator, blocks, 1, 0)));
            List<String> kinds = new ArrayList<>();
            boolean[] fail = {false};
            StreamEncoder.MessageSink sink = (buffers, size) -> {
                byte[] bytes = new byte[(int) size];
                ByteBuffer all = ByteBuffer.wrap(bytes);
                buffers.forEach(b -> all.put(b.duplicate()));
                if (fail[0] && kinds.size() == 1) {
                    throw new IOException("the sink failed");
                }
                kinds.add(bytes.length > 0 ? "message" : "empty");
            };
            try (StreamEncoder encoder = new StreamEncoder(schema, allocator, IpcWriteOptions.DEFAULT, sink)) {
                fail[0] = true;
                assertThatThrownBy(() -> encoder.write(batch)).hasMessage("the sink failed"); // schema went, dictionary failed
                assertThat(encoder.isStarted()).isTrue();
                fail[0] = false;
                encoder.write(batch); // the dictionary is sent again, then the batch
                assertThat(kinds).hasSize(3);
                encoder.close();
                assertThatThrownBy(() -> encoder.write(batch)).isInstanceOf(IllegalStateException.class);
            }
            blocks.forEach(MemoryBlock::release);
        }
    }
}
