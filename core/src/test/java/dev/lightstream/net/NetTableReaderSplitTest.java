package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.ChunkedChannels;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.stdio.StdioTransport;
import dev.lightstream.testing.ArrowTestingData;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * {@link NetTableReader} over input split at every size (two streams back to back, with
 * dictionaries), and truncated at every prefix: whole batches or {@link EOFException}, never a
 * partial batch.
 */
@Timeout(120)
class NetTableReaderSplitTest {
    static final List<Integer> CHUNKS = ChunkedChannels.CHUNK_SIZES;
    private static final Path DIR = ArrowTestingData.integration().resolve("cpp-21.0.0");
    private static final Path FIRST = DIR.resolve("generated_dictionary.stream");
    private static final Path SECOND = DIR.resolve("generated_primitive.stream");

    private static Connection over(byte[] bytes, int chunk) {
        return StdioTransport.of(ChunkedChannels.of(bytes, chunk), Channels.newChannel(new ByteArrayOutputStream()),
                "chunks of " + chunk);
    }

    @ParameterizedTest(name = "chunks of {0}")
    @FieldSource("CHUNKS")
    void backToBackStreamsInAnySplit(int chunk) throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(Files.readAllBytes(FIRST));
        both.writeBytes(Files.readAllBytes(SECOND));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            NetTableReader reader = NetTableReader.of(over(both.toByteArray(), chunk), allocator,
                    NetOptions.defaults());
            try {
                assertStream(reader, FIRST, allocator);
                reader = reader.nextStream();
                assertStream(reader, SECOND, allocator);
                assertThat(reader.nextStream()).isNull();
            } finally {
                reader.close();
            }
        }
    }

    private static void assertStream(NetTableReader reader, Path path, BufferAllocator allocator) throws IOException {
        try (Golden.Content expected = Golden.readStream(path, allocator)) {
            assertThat(reader.schema()).isEqualTo(expected.schema());
            List<RecordBatch> got = new ArrayList<>();
            try {
                for (RecordBatch batch; (batch = reader.next()) != null; ) {
                    got.add(batch);
                }
                Tables.assertSameBatches(expected.batches(), got, path.getFileName().toString());
            } finally {
                got.forEach(RecordBatch::close);
            }
        }
    }

    @Test
    void everyTruncationIsEofAfterWholeBatchesOnly() throws Exception {
        byte[] bytes = Files.readAllBytes(FIRST);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             Golden.Content expected = Golden.readStream(FIRST, allocator)) {
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = java.util.Arrays.copyOf(bytes, length);
                String where = "prefix " + length;
                try (NetTableReader reader = NetTableReader.of(over(prefix, 8), allocator, NetOptions.defaults())) {
                    assertThatThrownBy(() -> {
                        reader.schema();
                        for (int i = 0; ; i++) {
                            try (RecordBatch batch = reader.next()) {
                                assertThat(batch).as("a batch from a truncated stream").isNotNull();
                                Tables.assertSameBatch(expected.batches().get(i), batch, where + " batch " + i);
                            }
                        }
                    }).as(where).isInstanceOf(EOFException.class);
                }
            }
        }
    }
}
