package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a serving {@link TableServer} sends: a factory of {@link BatchReader}s, one per client, so
 * that every client gets the whole table from its first batch, whenever it connects.
 *
 * {@snippet :
 * BatchSource file = BatchSource.ofFile(Path.of("trips.arrow"));         // IPC file or stream
 * BatchSource inMemory = BatchSource.ofBatches(schema, batches);          // shared, zero-copy
 * BatchSource generated = BatchSource.of(schema, () -> new Generator()); // a fresh iterator per client
 * }
 *
 * <p>Memory: a file source gives each client its own reader, so a client holds what it reads ahead
 * (bounded by {@link NetOptions#inFlightBytes()}); an in-memory source gives each client views of
 * the same batches and costs no memory per client.
 */
@FunctionalInterface
public interface BatchSource {

    /** A reader of the whole table for one client; batches read from it are allocated from {@code allocator}. */
    BatchReader open(BufferAllocator allocator) throws IOException;

    /** The Arrow IPC file or stream at {@code path}, read anew for each client with the default limits. */
    static BatchSource ofFile(Path path) {
        return ofFile(path, IpcReadOptions.DEFAULT);
    }

    /**
     * The Arrow IPC file or stream at {@code path} (told apart by the file's magic bytes), read anew
     * for each client.
     */
    static BatchSource ofFile(Path path, IpcReadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        return allocator -> {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                if (isArrowFile(channel)) {
                    return BatchReader.of(new ArrowFileReader(channel, allocator, options));
                }
                channel.position(0);
                return BatchReader.of(new ArrowStreamReader(channel, allocator, options));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        };
    }

    /**
     * The given batches, in order, to every client: each client gets zero-copy views
     * ({@link RecordBatch#slice}) that it releases once sent. The caller keeps the batches and must
     * keep them open while the source is served.
     */
    static BatchSource ofBatches(Schema schema, List<RecordBatch> batches) {
        Objects.requireNonNull(schema, "schema");
        List<RecordBatch> copy = List.copyOf(batches);
        return allocator -> BatchReader.of(schema, copy.stream().map(b -> b.slice(0, b.rowCount())).iterator());
    }

    /**
     * The batches of a fresh iterator per client; the batches it yields are closed once sent.
     */
    static BatchSource of(Schema schema, Supplier<? extends Iterator<? extends RecordBatch>> batches) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(batches, "batches");
        return allocator -> BatchReader.of(schema, batches.get());
    }

    /** True if the channel starts with the IPC file magic {@code ARROW1}. */
    private static boolean isArrowFile(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(6);
        while (head.hasRemaining()) {
            if (channel.read(head) < 0) {
                return false;
            }
        }
        return "ARROW1".equals(new String(head.array(), StandardCharsets.US_ASCII));
    }
}
