package dev.lightstream.array;

import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable set of equal-length columns with a schema: the unit that IPC reads and writes.
 *
 * <p>A batch may own memory: the blocks given to {@link #of(Schema, int, List, List)} (a reader's
 * message body, its dictionaries) are released once when the batch is closed. Closing is
 * idempotent; after it, the accessors of the batch throw {@link IllegalStateException}. A batch
 * built over memory owned by someone else (an allocator, a memory-mapped file) owns nothing and
 * its close only marks it closed.
 *
 * {@snippet :
 * try (RecordBatch batch = reader.next()) {
 *     Int64Array ids = (Int64Array) batch.column("id");
 *     long sum = 0;
 *     for (int i = 0; i < batch.rowCount(); i++) {
 *         sum += ids.get(i);
 *     }
 * } // the message body goes back to the allocator here
 * }
 */
public final class RecordBatch implements AutoCloseable {
    private final Schema schema;
    private final int rowCount;
    private final List<Array> columns;
    private final List<MemoryBlock> blocks;
    private volatile boolean closed;

    private RecordBatch(Schema schema, int rowCount, List<Array> columns, List<MemoryBlock> blocks) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.columns = List.copyOf(columns);
        this.blocks = List.copyOf(blocks);
        this.rowCount = rowCount;
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount=" + rowCount + " is negative");
        }
        if (this.columns.size() != schema.size()) {
            throw new IllegalArgumentException(
                    "schema has " + schema.size() + " fields but " + this.columns.size() + " columns were given");
        }
        for (int i = 0; i < this.columns.size(); i++) {
            Array column = this.columns.get(i);
            Field field = schema.field(i);
            if (column.length() != rowCount) {
                throw new IllegalArgumentException("column " + i + " '" + field.name() + "' has length "
                        + column.length() + ", expected " + rowCount);
            }
            if (!column.type().equals(field.type())) {
                throw new IllegalArgumentException("column " + i + " '" + field.name() + "' has type "
                        + column.type() + ", but the schema says " + field.type());
            }
        }
    }

    /**
     * A batch over columns whose memory someone else owns. The row count is that of the first
     * column (0 when there are none).
     *
     * @throws IllegalArgumentException if the columns do not match the schema or each other
     */
    public static RecordBatch of(Schema schema, List<? extends Array> columns) {
        int rows = columns.isEmpty() ? 0 : columns.getFirst().length();
        return new RecordBatch(schema, rows, new ArrayList<>(columns), List.of());
    }

    public static RecordBatch of(Schema schema, Array... columns) {
        return of(schema, List.of(columns));
    }

    /**
     * A batch that takes over one reference to each of {@code blocks}, released on {@link #close()}.
     *
     * @throws IllegalArgumentException if the columns do not match the schema or the row count
     */
    public static RecordBatch of(Schema schema, int rowCount, List<? extends Array> columns, List<MemoryBlock> blocks) {
        return new RecordBatch(schema, rowCount, new ArrayList<>(columns), blocks);
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        checkOpen();
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public Array column(int index) {
        checkOpen();
        return columns.get(index);
    }

    /**
     * The first column named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Array column(String name) {
        checkOpen();
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column named '" + name + "' in " + schema);
        }
        return columns.get(index);
    }

    public List<Array> columns() {
        checkOpen();
        return columns;
    }

    /** The memory blocks this batch holds a reference to (empty when it owns nothing). */
    public List<MemoryBlock> blocks() {
        return blocks;
    }

    /**
     * A zero-copy view of {@code length} rows from {@code offset}. The slice holds its own
     * reference to this batch's memory and must be closed too.
     */
    public RecordBatch slice(int offset, int length) {
        checkOpen();
        Objects.checkFromIndexSize(offset, length, rowCount);
        List<Array> sliced = new ArrayList<>(columns.size());
        for (Array column : columns) {
            sliced.add(column.slice(offset, length));
        }
        for (MemoryBlock block : blocks) {
            block.retain();
        }
        return new RecordBatch(schema, length, sliced, blocks);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Releases the memory this batch owns. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (MemoryBlock block : blocks) {
            block.release();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("record batch used after close");
        }
    }

    @Override
    public String toString() {
        return "RecordBatch[rows=" + rowCount + ", " + schema + "]";
    }
}
