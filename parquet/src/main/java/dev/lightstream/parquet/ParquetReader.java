package dev.lightstream.parquet;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.parquet.internal.ArrowSchemaMetadata;
import dev.lightstream.parquet.internal.ChannelInputFile;
import dev.lightstream.parquet.internal.RowGroupSource;
import dev.lightstream.parquet.internal.SchemaRestorer;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.io.InputFile;

/**
 * A reader of a Parquet file into Arrow record batches, on parquet-java without Hadoop.
 *
 * <p>When the footer holds an Arrow schema ({@code ARROW:schema}, written by {@link ParquetWriter}
 * and Arrow C++), the fields it describes get their Arrow types back exactly (large and view
 * layouts, dictionaries, extensions, time zones, durations...). Otherwise, and for fields it does
 * not match, the Arrow schema is restored from the Parquet logical types (see docs/formats.md): OPTIONAL
 * nodes become nullable fields, LIST groups lists (child "item"), MAP groups maps, other groups
 * structs. {@link #next()} returns batches of up to {@link ParquetReadOptions#batchRows()} rows,
 * which may span row groups, then null. Each batch owns its memory and must be closed by the caller.
 * Columns (dotted paths) and row groups can be selected. Not thread-safe.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      ParquetReader reader = ParquetReader.open(Path.of("trips.parquet"), allocator,
 *              ParquetReadOptions.defaults().withColumns(List.of("fare", "pickup.zone")))) {
 *     for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
 *         try (RecordBatch batch = next) {
 *             process(batch);
 *         }
 *     }
 * }
 * }
 *
 * <p>Bad input raises {@link InvalidParquetException} (a truncated file shorter than a footer,
 * {@link java.io.EOFException}); a declared page size above {@link ParquetReadOptions#maxPageBytes()}
 * is refused before it is allocated, and column chunks that reach outside the file are refused
 * before they are read.
 */
public final class ParquetReader implements AutoCloseable {
    private final RowGroupSource source;
    private final BufferAllocator allocator;
    /** Restores the types of the file's ARROW:schema, or null when there is none to restore. */
    private final SchemaRestorer restorer;

    private ParquetReader(InputFile input, BufferAllocator allocator, ParquetReadOptions options) throws IOException {
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        this.allocator = allocator;
        this.source = new RowGroupSource(input, allocator, new RowGroupSource.Settings(options.batchRows(),
                options.columns(), options.rowGroups(), options.maxPageBytes()));
        Schema stored = options.arrowSchema()
                ? ArrowSchemaMetadata.decode(source.keyValueMetadata().get(ArrowSchemaMetadata.KEY)) : null;
        this.restorer = stored == null ? null : SchemaRestorer.of(source.schema(), stored);
    }

    /**
     * Opens the file at {@code path} and reads its footer.
     *
     * @throws InvalidParquetException if it is not a Parquet file this reader can read
     * @throws IllegalArgumentException if a column path names no column
     * @throws IndexOutOfBoundsException if a row group index is not in the file
     */
    public static ParquetReader open(Path path, BufferAllocator allocator, ParquetReadOptions options) throws IOException {
        return new ParquetReader(ChannelInputFile.of(path), allocator, options);
    }

    /** Reads from {@code channel}, which stays the caller's to close. */
    public static ParquetReader open(SeekableByteChannel channel, BufferAllocator allocator, ParquetReadOptions options)
            throws IOException {
        return new ParquetReader(ChannelInputFile.of(channel), allocator, options);
    }

    /** The Arrow schema of the batches (of the projected columns); its metadata is the file's key-value metadata. */
    public Schema schema() {
        return restorer == null ? source.schema() : restorer.schema();
    }

    /** The file's key-value metadata. */
    public Map<String, String> metadata() {
        return source.keyValueMetadata();
    }

    /** The number of row groups in the file (selected or not). */
    public int rowGroupCount() {
        return source.rowGroupCount();
    }

    /** The rows of the selected row groups. */
    public long rowCount() {
        return source.totalRows();
    }

    /** The rows returned so far. */
    public long rowsRead() {
        return source.rowsRead();
    }

    /**
     * The next batch, owning its memory (close it), or null when every selected row group is read.
     *
     * @throws InvalidParquetException if a page does not decompress or decode; the reader is then unusable
     */
    public RecordBatch next() throws IOException {
        RecordBatch batch = source.next();
        if (batch == null || restorer == null) {
            return batch;
        }
        try {
            return restorer.restore(batch, allocator);
        } catch (RuntimeException e) {
            // The stored schema matched the Parquet types, so a value that does not fit it is bad input.
            throw new InvalidParquetException("a value does not fit the type of the file's ARROW:schema: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
