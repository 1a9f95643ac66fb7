package dev.lightstream.cli;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test inputs written with the library's own writers, and readers for what the command wrote. */
final class IpcFiles {
    private IpcFiles() {}

    static Path writeFile(Path path, Schema schema, List<RecordBatch> batches, BufferAllocator allocator)
            throws IOException {
        try (ArrowFileWriter writer = new ArrowFileWriter(path, schema, allocator)) {
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
        }
        return path;
    }

    static byte[] streamBytes(Schema schema, List<RecordBatch> batches, BufferAllocator allocator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(bytes), schema, allocator)) {
            writer.start();
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
        }
        return bytes.toByteArray();
    }

    static Path writeStream(Path path, Schema schema, List<RecordBatch> batches, BufferAllocator allocator)
            throws IOException {
        return Files.write(path, streamBytes(schema, batches, allocator));
    }

    /** A stream held in memory, read whole. */
    static Golden.Content readStream(byte[] bytes, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(Channels.newChannel(new ByteArrayInputStream(bytes)),
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
}
