package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A builder of {@link RecordBatch}es of one schema: a column builder per field, and a batch that
 * owns the memory of everything built into it.
 *
 * <p>{@link #build()} hands every memory block of the batch's arrays (dictionaries included) to the
 * batch, which releases them when it is closed; the builder starts over empty and can build the
 * next batch. Fields with the same {@link Field#dictionaryId()} share one dictionary, so their
 * arrays point at the same dictionary array. {@link #close()} releases what was appended and not
 * built.
 *
 * {@snippet :
 * Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.nullable("name", DataType.UTF8));
 * try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
 *     builder.appendRow(1L, "one").appendRow(2L, null);
 *     builder.column(0).as(Int64Array.Builder.class).append(3);   // typed, column by column
 *     builder.column("name").appendObject("three");
 *     try (RecordBatch batch = builder.build()) {
 *         send(batch);
 *     }                                                             // memory released here
 * }
 * }
 */
public final class RecordBatchBuilder implements AutoCloseable {
    private final Schema schema;
    private final List<ArrayBuilder> columns;
    private boolean closed;

    /**
     * A builder of batches of {@code schema} whose memory comes from {@code allocator}.
     *
     * @throws IllegalArgumentException if two fields share a dictionary id with different value types
     */
    public RecordBatchBuilder(BufferAllocator allocator, Schema schema) {
        Objects.requireNonNull(allocator, "allocator");
        this.schema = Objects.requireNonNull(schema, "schema");
        DictionaryScope scope = new DictionaryScope(allocator);
        List<ArrayBuilder> builders = new ArrayList<>(schema.size());
        try {
            for (Field field : schema.fields()) {
                builders.add(ArrayBuilder.forField(allocator, field, scope));
            }
        } catch (RuntimeException e) {
            builders.forEach(ArrayBuilder::close);
            throw e;
        }
        this.columns = Collections.unmodifiableList(builders);
    }

    public Schema schema() {
        return schema;
    }

    /** The builder of column {@code index}. */
    public ArrayBuilder column(int index) {
        checkOpen();
        return columns.get(index);
    }

    /**
     * The builder of the first column named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public ArrayBuilder column(String name) {
        checkOpen();
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column named '" + name + "' in " + schema);
        }
        return columns.get(index);
    }

    /** The column builders, in schema order. */
    public List<ArrayBuilder> columns() {
        checkOpen();
        return columns;
    }

    /**
     * Appends one row: value {@code i} to column {@code i}, as {@link ArrayBuilder#appendObject}
     * takes it.
     *
     * @throws IllegalArgumentException if the number of values is not the number of columns, or a value does not fit
     */
    public RecordBatchBuilder appendRow(Object... values) {
        checkOpen();
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).appendObject(values[i]);
        }
        return this;
    }

    /**
     * The number of rows appended: the length of the columns (0 without columns).
     *
     * @throws IllegalStateException if the columns have different lengths
     */
    public int rowCount() {
        checkOpen();
        int rows = columns.isEmpty() ? 0 : columns.getFirst().length();
        for (int i = 1; i < columns.size(); i++) {
            if (columns.get(i).length() != rows) {
                throw new IllegalStateException("column " + i + " '" + schema.field(i).name() + "' has "
                        + columns.get(i).length() + " rows, column 0 has " + rows);
            }
        }
        return rows;
    }

    /**
     * Builds a batch of what was appended, owning its memory, and starts over empty.
     *
     * @throws IllegalStateException if the columns have different lengths or a nested slot is open
     */
    public RecordBatch build() {
        int rows = rowCount();
        for (ArrayBuilder column : columns) {
            column.checkComplete();
        }
        List<MemoryBlock> blocks = new ArrayList<>();
        List<Array> arrays = new ArrayList<>(columns.size());
        try {
            for (ArrayBuilder column : columns) {
                arrays.add(column.build(blocks));
            }
            return RecordBatch.of(schema, rows, arrays, blocks);
        } catch (RuntimeException | Error e) {
            blocks.forEach(MemoryBlock::release);
            throw e;
        }
    }

    /** Releases what was appended and not built. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        columns.forEach(ArrayBuilder::close);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("record batch builder is closed");
        }
    }
}
