package dev.lightstream.csv;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.csv.internal.ReaderChannel;
import dev.lightstream.csv.internal.RecordSource;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A streaming reader of CSV text (UTF-8) into Arrow record batches of a chosen number of rows. It
 * holds one read buffer and the record being parsed, never the whole input.
 *
 * <p>The schema is given ({@link CsvReadOptions#withSchema}) or inferred from the first rows when the
 * reader opens (see {@link CsvReadOptions}): bool, int64, decimal (when asked), float64, date32,
 * timestamps (ISO-8601, with an offset as UTC instants) and utf8. Named columns can be read as
 * dictionaries. Each batch owns its memory and must be closed by the caller.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      CsvReader reader = CsvReader.open(Path.of("trips.csv"), allocator,
 *              CsvReadOptions.defaults().withBatchRows(50_000))) {
 *     System.out.println(reader.schema());
 *     for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
 *         try (RecordBatch batch = next) {
 *             process(batch);
 *         }
 *     }
 * }
 * }
 *
 * <p>A row with the wrong number of fields, or a value that does not parse as its column's type,
 * raises {@link CsvFormatException} naming the line, column, field and text; the rows before it
 * are kept, and the next call of {@link #next()} goes on after it. With
 * {@link CsvReadOptions#withSkipBadRows skipBadRows}, such rows are skipped and counted
 * ({@link #skippedRows()}) instead. A quote never closed or a record over the maximum size also
 * raises {@link CsvFormatException}, after which the reader is unusable. Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {
    private final RecordSource source;

    private CsvReader(ReadableByteChannel channel, BufferAllocator allocator, CsvReadOptions options) throws IOException {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        RecordSource.Settings settings = new RecordSource.Settings(options.header(), options.columnNames(),
                options.delimiter(), options.quote(), options.escape(), options.nullTokens(), options.schema(),
                options.inferRows(), options.inferDecimal(), options.dictionaryColumns(), options.batchRows(),
                options.skipBadRows(), options.binaryEncoding(), options.maxRecordBytes(), options.bufferBytes());
        try {
            this.source = new RecordSource(channel, allocator, settings);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens the file at {@code path}, reads its header and, unless a schema is given, the rows that
     * inference looks at.
     *
     * @throws CsvFormatException if the header does not fit a given schema, or the rows read ahead are not CSV
     * @throws IllegalArgumentException if a column of the given schema has a type CSV text cannot hold
     */
    public static CsvReader open(Path path, BufferAllocator allocator, CsvReadOptions options) throws IOException {
        return new CsvReader(FileChannel.open(path, StandardOpenOption.READ), allocator, options);
    }

    /** Reads from {@code channel}, which is closed with the reader. */
    public static CsvReader open(ReadableByteChannel channel, BufferAllocator allocator, CsvReadOptions options)
            throws IOException {
        return new CsvReader(Objects.requireNonNull(channel, "channel"), allocator, options);
    }

    /** Reads from {@code in}, which is closed with the reader. */
    public static CsvReader open(InputStream in, BufferAllocator allocator, CsvReadOptions options) throws IOException {
        return new CsvReader(Channels.newChannel(Objects.requireNonNull(in, "in")), allocator, options);
    }

    /** Reads the characters of {@code reader} (encoded to UTF-8 as they come), which is closed with this reader. */
    public static CsvReader open(Reader reader, BufferAllocator allocator, CsvReadOptions options) throws IOException {
        return new CsvReader(new ReaderChannel(Objects.requireNonNull(reader, "reader")), allocator, options);
    }

    /** The schema of the batches: given, or inferred when the reader opened. */
    public Schema schema() {
        return source.schema();
    }

    /**
     * The next batch of up to {@link CsvReadOptions#batchRows()} rows, owning its memory (close it),
     * or null at the end of the input.
     *
     * @throws CsvFormatException for a bad row (see the class comment)
     */
    public RecordBatch next() throws IOException {
        return source.next();
    }

    /** The rows skipped as bad so far (with {@link CsvReadOptions#skipBadRows()}). */
    public long skippedRows() {
        return source.skippedRows();
    }

    /** The rows returned in batches so far. */
    public long rowsRead() {
        return source.rowsRead();
    }

    /** The bytes read from the input so far (for progress). */
    public long bytesRead() {
        return source.bytesRead();
    }

    /** Releases what was read and not returned, and closes the input. */
    @Override
    public void close() throws IOException {
        source.close();
    }
}
