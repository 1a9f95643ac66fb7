package dev.lightstream.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.ChunkedChannels;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Input split at odd sizes, tiny buffers, and a file far larger than a batch streamed in bounded memory. */
@Timeout(120)
class CsvStreamingTest {
    /** Quotes, doubled quotes, escapes, CRLF, a BOM, multi-byte characters and empty lines to split across reads. */
    static final String TRICKY = "\uFEFFid;text;when;amount\r\n"
            + "1;\"a;b\";2024-01-02T03:04:05.5Z;1.25\r\n"
            + "\r\n"
            + "2;\"quote \"\"in\"\" side\";2024-01-02 03:04:05+01:00;-3e2\n"
            + "3;\"multi\r\nline €\";2024-01-02T03:04:05Z;NaN\r"
            + "4;esc\\;aped 😀;;\n"
            + "5;NA;2024-01-02T03:04:05.123456Z;7";

    @Test
    void everyChunkSizeAndBufferSizeGivesTheSameRows() throws Exception {
        byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);
        CsvReadOptions options = CsvReadOptions.defaults().withDelimiter(';').withEscape('\\');
        List<List<Object>> expected;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            expected = Csv.read(TRICKY, allocator, options).rows();
        }
        assertThat(expected).hasSize(5);
        assertThat(expected.get(2)).containsExactly(3L, "multi\r\nline €", 1_704_164_645_000_000L, Double.NaN);
        assertThat(expected.get(3)).containsExactly(4L, "esc;aped 😀", null, null);
        List<Integer> chunks = new ArrayList<>(ChunkedChannels.CHUNK_SIZES);
        chunks.add(3);
        for (int chunk : chunks) {
            for (int buffer : new int[] {1, 4, 7, 64, 1 << 20}) {
                try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                    Csv.Result r = Csv.read(ChunkedChannels.of(bytes, chunk), allocator,
                            options.withBufferBytes(buffer).withBatchRows(2));
                    assertThat(r.rows()).as("chunk %d buffer %d", chunk, buffer).isEqualTo(expected);
                    assertThat(r.batches()).containsExactly(2, 2, 1);
                }
            }
        }
    }

    /** Rows "i,name-i,i/2,2024-..." made on the fly: the input is never in memory as a whole. */
    static ReadableByteChannel generated(int rows) {
        return new ReadableByteChannel() {
            private int next = -1;
            private ByteBuffer pending = ByteBuffer.allocate(0);

            @Override
            public int read(ByteBuffer dst) {
                if (!pending.hasRemaining()) {
                    if (next == rows) {
                        return -1;
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int k = 0; k < 1000 && next < rows; k++, next++) {
                        sb.append(next < 0 ? "id,name,half,city\n"
                                : next + ",\"name " + next + "\"," + (next / 2.0) + ",city" + (next % 7) + "\n");
                    }
                    pending = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
                int n = Math.min(dst.remaining(), pending.remaining());
                dst.put(pending.slice(pending.position(), n));
                pending.position(pending.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aLargeInputStreamsInSeveralBatchesWithBoundedMemory() throws Exception {
        int rows = 400_000;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                CsvReader reader = CsvReader.open(generated(rows), allocator, CsvReadOptions.defaults()
                        .withBatchRows(25_000).withDictionaryColumns(Set.of("city")))) {
            long seen = 0;
            int batches = 0;
            long peakAtStart = allocator.peakBytes();
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    batches++;
                    Int64Array ids = (Int64Array) batch.column("id");
                    Float64Array halves = (Float64Array) batch.column("half");
                    for (int i = 0; i < batch.rowCount(); i++) {
                        assertThat(ids.get(i)).isEqualTo(seen + i);
                        assertThat(halves.get(i)).isEqualTo((seen + i) / 2.0);
                    }
                    assertThat(batch.column("city").getObject(0)).isEqualTo("city" + (seen % 7));
                    seen += batch.rowCount();
                }
            }
            assertThat(seen).isEqualTo(rows);
            assertThat(batches).isEqualTo(16);
            assertThat(reader.bytesRead()).isGreaterThan(12_000_000L);
            // One batch of builders at a time: a few MiB, while the input is over 12 MB.
            assertThat(allocator.peakBytes() - peakAtStart).isLessThan(8L << 20);
            assertThat(allocator.allocatedBytes()).isLessThan(4L << 20);
        }
    }
}
