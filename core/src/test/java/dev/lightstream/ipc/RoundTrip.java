package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writing content with our writers and reading it back, in memory or through a temporary file. */
public final class RoundTrip {
    private RoundTrip() {}

    public static byte[] writeStream(Schema schema, List<RecordBatch> batches, BufferAllocator allocator,
            IpcWriteOptions options) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(bytes), schema, allocator, options)) {
            writer.start();
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
        }
        return bytes.toByteArray();
    }

    public static Path writeFile(Schema schema, List<RecordBatch> batches, BufferAllocator allocator,
            IpcWriteOptions options, Path dir) throws IOException {
        Path path = Files.createTempFile(dir, "roundtrip", ".arrow");
        try (ArrowFileWriter writer = new ArrowFileWriter(
                Files.newByteChannel(path, java.nio.file.StandardOpenOption.WRITE), schema, allocator, options)) {
            writer.start();
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
        }
        return path;
    }

    public static Golden.Content readStream(byte[] bytes, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(Channels.newChannel(new java.io.ByteArrayInputStream(bytes)),
                allocator)) {
            Schema schema = reader.schema();
            List<RecordBatch> batches = new ArrayList<>();
            RecordBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
            return new Golden.Content(schema, batches);
        }
    }

    /** Every non-empty buffer of every array (children and dictionaries too). */
    public static List<MemorySegment> segments(ArrayData data) {
        List<MemorySegment> out = new ArrayList<>();
        collect(data, out);
        return out;
    }

    private static void collect(ArrayData data, List<MemorySegment> out) {
        for (int i = 0; i < data.bufferCount(); i++) {
            MemorySegment b = data.buffer(i);
            if (b != null && b.byteSize() > 0) {
                out.add(b);
            }
        }
        for (ArrayData child : data.children()) {
            collect(child, out);
        }
        if (data.dictionary() != null) {
            collect(data.dictionary(), out);
        }
    }

    /** Asserts that every buffer is 64-byte aligned and inside one of the batch's own blocks. */
    public static void assertAlignedInsideBlocks(RecordBatch batch, String where) {
        for (int c = 0; c < batch.columnCount(); c++) {
            for (MemorySegment s : segments(batch.column(c).data())) {
                assertThat(s.address() % 64).as(where + " column " + c + " buffer at 0x" + Long.toHexString(s.address()))
                        .isZero();
                boolean inside = false;
                for (MemoryBlock block : batch.blocks()) {
                    MemorySegment b = block.segment();
                    if (s.address() >= b.address() && s.address() + s.byteSize() <= b.address() + b.byteSize()) {
                        inside = true;
                        break;
                    }
                }
                assertThat(inside).as(where + " column " + c + " buffer inside the batch's blocks").isTrue();
            }
        }
    }

    static SeekableByteChannel open(Path path) throws IOException {
        return Files.newByteChannel(path);
    }
}
