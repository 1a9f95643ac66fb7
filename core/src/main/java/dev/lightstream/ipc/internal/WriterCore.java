package dev.lightstream.ipc.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.ipc.StreamEncoder;
import dev.lightstream.ipc.UnsupportedIpcFeatureException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the stream and file writers share: the schema (with dictionary ids assigned), the
 * dictionaries sent so far, the message encoder, the byte position, and gathering writes.
 *
 * <p>Dictionaries: the first batch that uses an id sends its dictionary; later batches send
 * nothing when they carry the same dictionary array or one with the same values, a delta when
 * their dictionary extends the one last sent (and the dictionaries nested in it extend theirs),
 * and a replacement otherwise (refused in files). The writer keeps a deep copy of each dictionary
 * it sent, nested dictionaries included, so that the comparison never reads memory the caller
 * has released since.
 */
public final class WriterCore implements AutoCloseable {
    private final WritableByteChannel channel;
    private final StreamEncoder.MessageSink sink;
    private final BufferAllocator allocator;
    private final Schema schema;
    private final boolean file;
    private final MessageEncoder encoder;
    private final List<ByteBuffer> out = new ArrayList<>();
    private final Map<Long, Sent> sent = new HashMap<>();
    private final LongList dictionaryBlocks = new LongList();
    private final LongList batchBlocks = new LongList();
    private long position;

    /** A dictionary as last sent: the caller's array (for identity only) and our copy of it. */
    private record Sent(ArrayData original, ArrayData copy, List<MemoryBlock> blocks) {
        void release() {
            blocks.forEach(MemoryBlock::release);
        }
    }

    public WriterCore(WritableByteChannel channel, Schema schema, BufferAllocator allocator, IpcWriteOptions options,
            boolean file) {
        this(Objects.requireNonNull(channel, "channel"), null, schema, allocator, options, file);
    }

    /** A core that hands each message to {@code sink} instead of writing it (a stream, never a file). */
    public WriterCore(StreamEncoder.MessageSink sink, Schema schema, BufferAllocator allocator, IpcWriteOptions options) {
        this(null, Objects.requireNonNull(sink, "sink"), schema, allocator, options, false);
    }

    private WriterCore(WritableByteChannel channel, StreamEncoder.MessageSink sink, Schema schema,
            BufferAllocator allocator, IpcWriteOptions options, boolean file) {
        this.channel = channel;
        this.sink = sink;
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.schema = DictionaryIds.assign(Objects.requireNonNull(schema, "schema"));
        this.file = file;
        this.encoder = new MessageEncoder(allocator, Objects.requireNonNull(options, "options"));
    }

    /** The schema as written, with a dictionary id on every dictionary-encoded field. */
    public Schema schema() {
        return schema;
    }

    public long position() {
        return position;
    }

    /** Writes raw bytes (file magic, footer). */
    public void writeRaw(ByteBuffer bytes) throws IOException {
        out.add(bytes);
        flushOut();
    }

    public void writeSchema() throws IOException {
        encoder.schema(schema, position, out);
        flushOut();
    }

    public void writeEndOfStream() throws IOException {
        out.add(MessageEncoder.endOfStream());
        flushOut();
    }

    /** The footer of a file written so far. */
    public ByteBuffer footer() {
        return encoder.footer(schema, dictionaryBlocks.toArray(), batchBlocks.toArray());
    }

    /**
     * Writes the dictionaries {@code batch} needs, then the batch.
     *
     * @throws IllegalArgumentException if the batch's column types do not match the schema
     */
    public void writeBatch(RecordBatch batch) throws IOException {
        Schema given = batch.schema();
        if (given.size() != schema.size()) {
            throw new IllegalArgumentException("batch has " + given.size() + " columns, the schema " + schema.size());
        }
        List<ArrayData> columns = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            Array column = batch.column(i);
            if (!column.type().equals(schema.field(i).type())) {
                throw new IllegalArgumentException("column " + i + " has type " + column.type() + ", the schema says "
                        + schema.field(i).type());
            }
            columns.add(column.data());
        }
        Map<Long, ArrayData> seen = new HashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            dictionaries(schema.field(i), columns.get(i), seen);
        }
        long start = position;
        MessageEncoder.Encoded encoded = encoder.recordBatch(columns, batch.rowCount(), position, out);
        flushOut();
        if (file) {
            batchBlocks.add(start, encoded.metadataBytes(), encoded.bodyBytes());
        }
    }

    /** Sends the dictionaries of {@code field}'s data (nested ones first), once per id per batch. */
    private void dictionaries(Field field, ArrayData data, Map<Long, ArrayData> seen) throws IOException {
        DataType t = DictionaryIds.unwrap(field.type());
        if (t instanceof DataType.Dictionary d) {
            ArrayData dictionary = data.dictionary();
            long id = field.dictionaryId();
            ArrayData previous = seen.putIfAbsent(id, dictionary);
            if (previous != null) {
                if (previous != dictionary) {
                    throw new IllegalArgumentException("fields sharing dictionary id " + id
                            + " carry different dictionaries in one batch");
                }
                return;
            }
            List<Field> nested = DictionaryIds.unwrap(d.valueType()).children();
            for (int i = 0; i < nested.size(); i++) {
                dictionaries(nested.get(i), dictionary.child(i), seen);
            }
            send(id, dictionary);
            return;
        }
        List<Field> children = t.children();
        for (int i = 0; i < children.size() && i < data.children().size(); i++) {
            dictionaries(children.get(i), data.child(i), seen);
        }
    }

    private void send(long id, ArrayData dictionary) throws IOException {
        Sent last = sent.get(id);
        if (last != null && last.original() == dictionary) {
            return;
        }
        boolean delta = false;
        ArrayData payload = dictionary;
        if (last != null) {
            int old = last.copy().length();
            boolean extendsLast = dictionary.length() >= old
                    && Values.samePrefix(Array.of(last.copy()), Array.of(dictionary), old);
            if (extendsLast && dictionary.length() == old) {
                // The same values in another array (a batch built afresh): nothing to send. The
                // reader keeps the values it has, decoded through the nested dictionaries it had.
                sent.put(id, new Sent(dictionary, last.copy(), last.blocks()));
                return;
            }
            // A reader joins a delta to the values it has and reads them all through the nested
            // dictionaries as they are now: those must extend the ones the old values were sent with.
            if (extendsLast && Values.dictionariesExtend(last.copy(), dictionary)) {
                delta = true;
                payload = dictionary.slice(old, dictionary.length() - old);
            } else if (file) {
                throw new UnsupportedIpcFeatureException("dictionary id " + id + " changed to values that do not extend"
                        + " the ones written: the IPC file format allows deltas but not replacements");
            }
        }
        long start = position;
        MessageEncoder.Encoded encoded = encoder.dictionary(id, delta, payload, position, out);
        flushOut();
        if (file) {
            dictionaryBlocks.add(start, encoded.metadataBytes(), encoded.bodyBytes());
        }
        List<MemoryBlock> blocks = new ArrayList<>();
        // Nested dictionaries too: the caller may release its batch before the next one comes.
        ArrayData copy = ArrayConcat.deepCopy(dictionary, allocator, blocks);
        if (last != null) {
            last.release();
        }
        sent.put(id, new Sent(dictionary, copy, blocks));
    }

    private void flushOut() throws IOException {
        try {
            long total = 0;
            for (ByteBuffer b : out) {
                total += b.remaining();
            }
            if (sink != null) {
                sink.message(Collections.unmodifiableList(out), total);
            } else if (channel instanceof GatheringByteChannel gathering) {
                ByteBuffer[] array = out.toArray(new ByteBuffer[0]);
                int first = 0;
                while (first < array.length) {
                    gathering.write(array, first, array.length - first);
                    while (first < array.length && !array[first].hasRemaining()) {
                        first++;
                    }
                }
            } else {
                for (ByteBuffer b : out) {
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            }
            position += total;
        } finally {
            out.clear();
            encoder.reset();
        }
    }

    @Override
    public void close() {
        encoder.close();
        sent.values().forEach(Sent::release);
        sent.clear();
    }

    /** A growable list of longs (block triples). */
    private static final class LongList {
        private long[] values = new long[24];
        private int size;

        void add(long a, long b, long c) {
            if (size + 3 > values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = a;
            values[size++] = b;
            values[size++] = c;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
