package dev.lightstream.parquet.internal;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.parquet.InvalidParquetException;
import dev.lightstream.schema.Schema;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.memory.MemoryBlock;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.schema.Type;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The engine of the Parquet reader: opens the file with parquet-java, checks its footer against the
 * file size, prunes the schema to the projected columns, and reads the selected row groups into
 * Arrow builders ({@link ArrowConverters}), a batch at a time: top-level primitive columns a column
 * at a time straight from their column readers, nested ones through parquet-java's record assembly.
 *
 * <p>Every runtime exception parquet-java or the builders raise on bad input is caught here and
 * rethrown as {@link InvalidParquetException} naming the row group; nothing unchecked escapes.
 */
public final class RowGroupSource implements AutoCloseable {
    private final ParquetFileReader file;
    private final MessageType requested;
    /** The record assembly of the nested top-level fields, or null when every field is flat. */
    private final MessageColumnIO nestedIO;
    private final String createdBy;
    private final Schema schema;
    private final RecordBatchBuilder builder;
    private final RecordMaterializer<Object> materializer;
    private final GroupConverter flatRoot;
    /** The top-level fields read column by column (primitive, not repeated), and the others. */
    private final int[] flat;
    private final int[] flatMaxDefinition;
    private final ArrayBuilder[] flatBuilders;
    private final ColumnDescriptor[] flatColumns;
    /** Per flat column: its page-at-a-time reader, or null when it goes through parquet-java's column reader. */
    private final FlatColumnReader[] fastReaders;
    private final BufferAllocator allocator;
    private ColumnReader[] flatReaders;
    private final List<Integer> rowGroups;
    private final int batchRows;
    private final long totalRows;

    private int nextGroup;
    private int currentGroup = -1;
    private RecordReader<Object> records;
    private long rowsLeftInGroup;
    private long rowsRead;
    private boolean closed;

    /** What to read: {@code columns} and {@code rowGroups} as in {@link dev.lightstream.parquet.ParquetReadOptions}. */
    public record Settings(int batchRows, List<String> columns, List<Integer> rowGroups, int maxPageBytes) {}

    public RowGroupSource(InputFile input, BufferAllocator allocator, Settings settings) throws IOException {
        this.allocator = allocator;
        ParquetReadOptions options = ParquetReadOptions.builder()
                .withCodecFactory(new AirCompressorCodecFactory(0, settings.maxPageBytes()))
                .useStatsFilter(false)
                .useDictionaryFilter(false)
                .useRecordFilter(false)
                .useColumnIndexFilter(false)
                .useBloomFilter(false)
                .build();
        long length = input.getLength();
        if (length < 12) {
            throw new EOFException("a Parquet file has at least 12 bytes (two magic numbers and a footer length), this one "
                    + length);
        }
        try {
            this.file = ParquetFileReader.open(input, options);
        } catch (IOException e) {
            throw e instanceof InvalidParquetException || e instanceof EOFException ? e
                    : new InvalidParquetException("not a readable Parquet file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidParquetException("not a readable Parquet file: " + e.getMessage(), e);
        }
        List<BlockMetaData> blocks;
        MessageType fileSchema;
        MessageType projected;
        try {
            blocks = file.getRowGroups();
            checkFooter(blocks, length);
            fileSchema = file.getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof IOException io ? io : new InvalidParquetException("bad Parquet footer: " + e, e);
        }
        // The caller's mistakes: a path that names no column, a row group that is not there.
        try {
            projected = Projection.select(fileSchema, settings.columns());
            for (int index : settings.rowGroups()) {
                if (index < 0 || index >= blocks.size()) {
                    throw new IndexOutOfBoundsException("row group index=" + index + " rowGroups=" + blocks.size());
                }
            }
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
        try {
            this.requested = projected;
            Map<String, String> metadata = new HashMap<>(file.getFileMetaData().getKeyValueMetaData());
            this.schema = ArrowTypes.toArrow(requested, metadata);
            this.rowGroups = new ArrayList<>();
            if (settings.rowGroups().isEmpty()) {
                for (int i = 0; i < blocks.size(); i++) {
                    rowGroups.add(i);
                }
            } else {
                rowGroups.addAll(settings.rowGroups());
            }
            long total = 0;
            for (int index : rowGroups) {
                total += blocks.get(index).getRowCount();
            }
            this.totalRows = total;
            this.batchRows = settings.batchRows();
            file.setRequestedSchema(requested);
            this.createdBy = file.getFileMetaData().getCreatedBy();
            List<Integer> flatFields = new ArrayList<>();
            List<Type> nestedTypes = new ArrayList<>();
            List<Integer> nestedFields = new ArrayList<>();
            for (int i = 0; i < requested.getFieldCount(); i++) {
                Type field = requested.getType(i);
                if (field.isPrimitive() && !field.isRepetition(Type.Repetition.REPEATED)) {
                    flatFields.add(i);
                } else {
                    nestedFields.add(i);
                    nestedTypes.add(field);
                }
            }
            this.flat = flatFields.stream().mapToInt(Integer::intValue).toArray();
            this.builder = new RecordBatchBuilder(allocator, schema);
            GroupConverter root;
            try {
                // Flat columns go straight from their column readers to these converters.
                this.flatRoot = ArrowConverters.root(requested.getFields(), builder.columns());
                this.flatBuilders = new ArrayBuilder[flat.length];
                this.flatColumns = new ColumnDescriptor[flat.length];
                this.flatMaxDefinition = new int[flat.length];
                for (int k = 0; k < flat.length; k++) {
                    flatBuilders[k] = builder.column(flat[k]);
                    flatColumns[k] = requested.getColumnDescription(new String[] {requested.getType(flat[k]).getName()});
                    flatMaxDefinition[k] = flatColumns[k].getMaxDefinitionLevel();
                }
                this.fastReaders = new FlatColumnReader[flat.length];
                for (int k = 0; k < flat.length; k++) {
                    FlatColumnReader fast = FlatColumnReader.of(flatColumns[k], schema.field(flat[k]).type());
                    ColumnPath path = ColumnPath.get(flatColumns[k].getPath());
                    for (int group : rowGroups) {
                        for (ColumnChunkMetaData chunk : blocks.get(group).getColumns()) {
                            if (chunk.getPath().equals(path) && !FlatColumnReader.decodes(chunk.getEncodings())) {
                                fast = null; // DELTA_* or BYTE_STREAM_SPLIT somewhere: parquet-java decodes those
                            }
                        }
                    }
                    fastReaders[k] = fast;
                }
                // Nested columns go through parquet-java's record assembly.
                List<ArrayBuilder> nestedBuilders = nestedFields.stream().map(builder::column).toList();
                root = nestedTypes.isEmpty() ? null : ArrowConverters.root(nestedTypes, nestedBuilders);
                this.nestedIO = nestedTypes.isEmpty() ? null : new ColumnIOFactory(createdBy)
                        .getColumnIO(new MessageType(requested.getName(), nestedTypes), fileSchema);
            } catch (IOException | RuntimeException e) {
                builder.close();
                throw e;
            }
            this.materializer = new RecordMaterializer<>() {
                @Override
                public Object getCurrentRecord() {
                    return Boolean.TRUE;
                }

                @Override
                public GroupConverter getRootConverter() {
                    return root;
                }
            };
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof IOException io ? io : new InvalidParquetException("bad Parquet schema: " + e, e);
        }
    }

    /** Column chunks must lie inside the file: their offsets and sizes come from the file and decide allocations. */
    private static void checkFooter(List<BlockMetaData> blocks, long fileLength) throws InvalidParquetException {
        for (int b = 0; b < blocks.size(); b++) {
            BlockMetaData block = blocks.get(b);
            if (block.getRowCount() < 0) {
                throw new InvalidParquetException("row group " + b + " has rowCount=" + block.getRowCount());
            }
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                long start = chunk.getStartingPos();
                long size = chunk.getTotalSize();
                if (start < 4 || size < 0 || start > fileLength - size) {
                    throw new InvalidParquetException("row group " + b + " column " + chunk.getPath() + " spans bytes "
                            + start + ".." + (start + size) + " of a file of " + fileLength);
                }
            }
        }
    }

    public Schema schema() {
        return schema;
    }

    /** Rows in the selected row groups. */
    public long totalRows() {
        return totalRows;
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** The number of row groups in the file. */
    public int rowGroupCount() {
        return file.getRowGroups().size();
    }

    public Map<String, String> keyValueMetadata() {
        return file.getFileMetaData().getKeyValueMetaData();
    }

    /** The next batch, or null at the end. */
    public RecordBatch next() throws IOException {
        if (closed) {
            throw new IllegalStateException("Parquet reader is closed");
        }
        int rows = 0;
        try {
            while (rows < batchRows) {
                if (rowsLeftInGroup == 0 && !nextRowGroup()) {
                    break;
                }
                int take = (int) Math.min(rowsLeftInGroup, batchRows - rows);
                for (int k = 0; k < flatReaders.length; k++) {
                    if (fastReaders[k] != null) {
                        fastReaders[k].read(take);
                    } else {
                        readFlat(flatReaders[k], flatMaxDefinition[k], flatBuilders[k], take);
                    }
                }
                if (records != null) {
                    for (int i = 0; i < take; i++) {
                        records.read();
                    }
                }
                rowsLeftInGroup -= take;
                rows += take;
            }
            if (rows == 0) {
                return null;
            }
            RecordBatch batch = build(rows);
            rowsRead += rows;
            return batch;
        } catch (IOException e) {
            discard();
            throw e instanceof InvalidParquetException || e instanceof EOFException ? e
                    : new InvalidParquetException("row group " + currentGroup + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard();
            throw new InvalidParquetException("row group " + currentGroup + " does not decode: " + rootProblem(e), e);
        }
    }

    /** The most telling message in a chain: our own check's when one fired deep inside parquet-java. */
    private static String rootProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidParquetException) {
                return t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (" + root + ")";
    }

    private boolean nextRowGroup() throws IOException {
        if (nextGroup >= rowGroups.size()) {
            return false;
        }
        currentGroup = rowGroups.get(nextGroup++);
        PageReadStore pages = file.readRowGroup(currentGroup);
        if (pages == null) {
            throw new InvalidParquetException("row group " + currentGroup + " is missing");
        }
        rowsLeftInGroup = pages.getRowCount();
        if (rowsLeftInGroup == 0) {
            flatReaders = new ColumnReader[0];
            records = null;
            return true;
        }
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, flatRoot, requested, createdBy);
        flatReaders = new ColumnReader[flat.length];
        for (int k = 0; k < flat.length; k++) {
            if (fastReaders[k] != null) {
                fastReaders[k].startChunk(pages.getPageReader(flatColumns[k]));
            } else {
                flatReaders[k] = store.getColumnReader(flatColumns[k]);
            }
        }
        records = nestedIO == null ? null : nestedIO.getRecordReader(pages, materializer);
        return true;
    }

    /** The batch of the rows read: the fast columns' arrays and the builders' others. */
    private RecordBatch build(int rows) {
        Array[] arrays = new Array[schema.size()];
        List<MemoryBlock> blocks = new ArrayList<>();
        try {
            for (int k = 0; k < flat.length; k++) {
                if (fastReaders[k] != null) {
                    arrays[flat[k]] = fastReaders[k].finish(allocator, blocks);
                }
            }
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] == null) {
                    arrays[i] = builder.column(i).build(blocks);
                }
            }
            return RecordBatch.of(schema, rows, java.util.Arrays.asList(arrays), blocks);
        } catch (RuntimeException e) {
            blocks.forEach(MemoryBlock::release);
            throw e;
        }
    }

    /** A column without repetition, a value or a null per row, straight into its builder. */
    private static void readFlat(ColumnReader reader, int maxDefinition, ArrayBuilder builder, int rows) {
        for (int i = 0; i < rows; i++) {
            if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                reader.writeCurrentValueToConverter();
            } else {
                builder.appendNull();
            }
            reader.consume();
        }
    }

    /** After a failure: the builders may be inconsistent, so nothing more is read. */
    private void discard() {
        closed = true;
        builder.close();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            builder.close();
        }
        file.close();
    }
}
