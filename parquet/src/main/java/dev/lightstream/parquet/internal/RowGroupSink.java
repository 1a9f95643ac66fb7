package dev.lightstream.parquet.internal;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * The engine of the Parquet writer: columns of record batches go, column by column, through the
 * {@link LevelWriter}s into parquet-java's column writers (which encode, build dictionaries and
 * statistics and cut pages), and full row groups go to the {@link ParquetFileWriter}.
 *
 * <p>This is parquet-java's own write path ({@code InternalParquetRecordWriter}) without its
 * record-at-a-time {@code RecordConsumer}: levels are computed here, a column at a time, which is
 * what an Arrow batch is made for. Top-level primitive columns of the common types skip parquet-java's
 * column writers altogether: a {@link FlatColumnWriter} encodes their pages from the Arrow buffers
 * in bulk and hands them to the page store. A batch is written in slices of {@value #SLICE_ROWS} rows, all
 * columns of a slice before the next, so that the page size checks of the column store (made per
 * record, between slices) see pages of about the size asked for.
 */
public final class RowGroupSink implements AutoCloseable {
    /** Rows written per column before moving to the next column. */
    static final int SLICE_ROWS = 1024;

    private final ParquetFileWriter file;
    private final MessageType parquet;
    private final List<WriteNode> nodes;
    private final ParquetProperties props;
    private final CompressionCodecFactory codecs;
    private final CompressionCodecName codec;
    private final int compressionLevel;
    private final int rowGroupRows;
    private final long rowGroupBytes;
    private final Map<String, String> metadata;

    /** Per top-level field: its fast writer, or null when it goes through parquet-java's column writers. */
    private final FlatColumnWriter[] flat;
    /** The Parquet schema of the fields without a fast writer, or null when there are none. */
    private final MessageType general;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private List<List<LevelWriter>> writers;
    private boolean started;
    private int rowsInGroup;
    private int rowGroups;
    private long rows;
    private boolean closed;

    /** Settings for {@link #RowGroupSink}. */
    public record Settings(CompressionCodecName codec, int compressionLevel, int rowGroupRows, long rowGroupBytes,
            int pageBytes, boolean dictionary, int dictionaryPageBytes, boolean statistics, boolean dataPageV2,
            Map<String, String> metadata) {}

    public RowGroupSink(OutputFile out, Schema schema, Settings settings) throws IOException {
        ParquetTypes.Mapping mapping = ParquetTypes.toParquet(schema);
        this.parquet = mapping.parquet();
        this.nodes = mapping.nodes();
        this.props = ParquetProperties.builder()
                .withPageSize(settings.pageBytes())
                .withDictionaryEncoding(settings.dictionary())
                .withDictionaryPageSize(settings.dictionaryPageBytes())
                .withStatisticsEnabled(settings.statistics())
                .withSizeStatisticsEnabled(settings.statistics())
                .withWriterVersion(settings.dataPageV2() ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .withRowGroupRowCountLimit(settings.rowGroupRows())
                .build();
        this.codecs = new AirCompressorCodecFactory(settings.compressionLevel(), Integer.MAX_VALUE);
        this.codec = settings.codec();
        this.compressionLevel = settings.compressionLevel();
        this.rowGroupRows = settings.rowGroupRows();
        this.rowGroupBytes = settings.rowGroupBytes();
        this.metadata = settings.metadata();
        FlatColumnWriter.Settings flatSettings = new FlatColumnWriter.Settings(settings.pageBytes(),
                settings.dictionary(), settings.dictionaryPageBytes(), settings.statistics(), settings.dataPageV2());
        this.flat = new FlatColumnWriter[nodes.size()];
        List<org.apache.parquet.schema.Type> others = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            org.apache.parquet.schema.Type parquetField = parquet.getType(i);
            if (nodes.get(i) instanceof WriteNode.Leaf leaf) {
                ColumnDescriptor descriptor = parquet.getColumnDescription(new String[] {parquetField.getName()});
                flat[i] = FlatColumnWriter.of(leaf.field().type(), descriptor, leaf.field().name(), leaf.nullable(),
                        flatSettings);
            }
            if (flat[i] == null) {
                others.add(parquetField);
            }
        }
        this.general = others.isEmpty() ? null : new MessageType(parquet.getName(), others);
        this.file = new ParquetFileWriter(out, parquet, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0, null, props);
        file.start();
    }

    public MessageType parquetSchema() {
        return parquet;
    }

    public int rowGroups() {
        return rowGroups;
    }

    public long rows() {
        return rows;
    }

    /** Writes every row of {@code batch}, closing row groups as they fill. */
    public void write(RecordBatch batch) throws IOException {
        int total = batch.rowCount();
        int done = 0;
        while (done < total) {
            if (!started) {
                startRowGroup();
            }
            int slice = Math.min(Math.min(SLICE_ROWS, total - done), rowGroupRows - rowsInGroup);
            for (int c = 0; c < writers.size(); c++) {
                if (flat[c] != null) {
                    flat[c].write(batch.column(c).data(), done, done + slice);
                    continue;
                }
                for (LevelWriter writer : writers.get(c)) {
                    writer.write(batch.column(c), done, done + slice);
                }
            }
            if (columns != null) {
                for (int i = 0; i < slice; i++) {
                    columns.endRecord();
                }
            }
            done += slice;
            rowsInGroup += slice;
            rows += slice;
            if (rowsInGroup >= rowGroupRows || bufferedBytes() >= rowGroupBytes) {
                flushRowGroup();
            }
        }
    }

    private long bufferedBytes() {
        long bytes = columns == null ? 0 : columns.getBufferedSize();
        for (FlatColumnWriter writer : flat) {
            if (writer != null) {
                bytes += writer.bufferedBytes();
            }
        }
        return bytes;
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(descriptor -> codecs.getCompressor(codec, compressionLevel))
                .withSchema(parquet)
                .withAllocator(props.getAllocator())
                .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroups)
                .build();
        columns = general == null ? null : props.newColumnWriteStore(general, pages, pages);
        List<ColumnWriter> leafWriters = new ArrayList<>();
        if (general != null) {
            for (ColumnDescriptor descriptor : general.getColumns()) {
                leafWriters.add(columns.getColumnWriter(descriptor));
            }
        }
        Iterator<ColumnWriter> it = leafWriters.iterator();
        writers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (flat[i] != null) {
                ColumnDescriptor descriptor = parquet.getColumnDescription(new String[] {parquet.getType(i).getName()});
                flat[i].startChunk(pages.getPageWriter(descriptor));
                writers.add(List.of());
            } else {
                writers.add(LevelWriter.forField(nodes.get(i), it));
            }
        }
        rowsInGroup = 0;
        started = true;
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                file.startBlock(rowsInGroup);
                if (columns != null) {
                    columns.flush();
                }
                for (FlatColumnWriter writer : flat) {
                    if (writer != null) {
                        writer.finishChunk();
                    }
                }
                pages.flushToFileWriter(file);
                file.endBlock();
                rowGroups++;
            }
        } finally {
            if (columns != null) {
                columns.close();
            }
            pages.close();
            columns = null;
            pages = null;
            writers = null;
            rowsInGroup = 0;
            started = false;
        }
    }

    /** Writes the last row group and the footer, and closes the output. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (started) {
                flushRowGroup();
            }
            file.end(metadata);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            file.close();
        }
    }

    /** Gives up: releases the buffers and closes the output, leaving an incomplete file. */
    public void abort() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (columns != null) {
            columns.close();
        }
        if (pages != null) {
            pages.close();
        }
        file.abort();
        file.close();
    }
}
