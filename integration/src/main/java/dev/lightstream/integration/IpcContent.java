package dev.lightstream.integration;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The whole content of an Arrow IPC file or stream, read into memory for a comparison: schema,
 * the dictionaries by id as they stand after the last message, and every record batch.
 *
 * {@snippet :
 * try (IpcContent ipc = IpcContent.read(Path.of("case.arrow_file"), allocator);
 *      IntegrationJsonFile json = IntegrationJsonReader.read(Path.of("case.json.gz"), allocator)) {
 *     Comparison result = IntegrationComparator.strict().compare(json.data(), ipc.data());
 * }
 * }
 *
 * <p>It keeps its reader open, because the reader owns the dictionaries; closing the content
 * closes every batch and the reader.
 */
public final class IpcContent implements AutoCloseable {
    /** Which of the two IPC formats the content was read from. */
    public enum Format {
        /** The file format: {@code ARROW1} magic, messages, footer. */
        FILE,
        /** The stream format: messages up to an end-of-stream marker. */
        STREAM
    }

    private final Format format;
    private final Schema schema;
    private final SortedMap<Long, Array> dictionaries;
    private final List<RecordBatch> batches;
    private final AutoCloseable reader;
    private boolean closed;

    private IpcContent(Format format, Schema schema, SortedMap<Long, Array> dictionaries, List<RecordBatch> batches,
            AutoCloseable reader) {
        this.format = format;
        this.schema = schema;
        this.dictionaries = dictionaries;
        this.batches = List.copyOf(batches);
        this.reader = reader;
    }

    /**
     * Reads {@code path} as an IPC file if it starts with the {@code ARROW1} magic, else as an IPC
     * stream.
     *
     * @throws dev.lightstream.ipc.InvalidIpcException if the bytes are not valid Arrow IPC
     */
    public static IpcContent read(Path path, BufferAllocator allocator) throws IOException {
        return isFileFormat(path) ? readFile(path, allocator) : readStream(path, allocator);
    }

    /** True if {@code path} starts with the magic of the IPC file format. */
    public static boolean isFileFormat(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(6);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // read up to 6 bytes; a shorter file is not in the file format
            }
            return !head.hasRemaining() && new String(head.array(), java.nio.charset.StandardCharsets.US_ASCII)
                    .equals("ARROW1");
        }
    }

    /** Reads every batch of an IPC file. */
    public static IpcContent readFile(Path path, BufferAllocator allocator) throws IOException {
        Objects.requireNonNull(allocator, "allocator");
        ArrowFileReader reader = new ArrowFileReader(path, allocator);
        List<RecordBatch> batches = new ArrayList<>();
        try {
            for (int i = 0; i < reader.batchCount(); i++) {
                batches.add(reader.batch(i));
            }
            return new IpcContent(Format.FILE, reader.schema(), new TreeMap<>(reader.dictionaries()), batches, reader);
        } catch (IOException | RuntimeException e) {
            batches.forEach(RecordBatch::close);
            reader.close();
            throw e;
        }
    }

    /** Reads every batch of an IPC stream. */
    public static IpcContent readStream(Path path, BufferAllocator allocator) throws IOException {
        Objects.requireNonNull(allocator, "allocator");
        ArrowStreamReader reader = new ArrowStreamReader(FileChannel.open(path, StandardOpenOption.READ), allocator,
                IpcReadOptions.DEFAULT);
        List<RecordBatch> batches = new ArrayList<>();
        try {
            Schema schema = reader.schema();
            RecordBatch batch;
            while ((batch = reader.next()) != null) {
                batches.add(batch);
            }
            return new IpcContent(Format.STREAM, schema, new TreeMap<>(reader.dictionaries()), batches, reader);
        } catch (IOException | RuntimeException e) {
            batches.forEach(RecordBatch::close);
            reader.close();
            throw e;
        }
    }

    public Format format() {
        return format;
    }

    public Schema schema() {
        return schema;
    }

    /** The dictionaries by id, valid until this content is closed. */
    public SortedMap<Long, Array> dictionaries() {
        return java.util.Collections.unmodifiableSortedMap(dictionaries);
    }

    public List<RecordBatch> batches() {
        return batches;
    }

    /** Schema, dictionaries and batches, for {@link IntegrationComparator}. */
    public IntegrationData data() {
        return new IntegrationData(schema, dictionaries, batches);
    }

    /** Closes every batch and the reader. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        batches.forEach(RecordBatch::close);
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
