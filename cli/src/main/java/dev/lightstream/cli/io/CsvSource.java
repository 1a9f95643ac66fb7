package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.csv.CsvReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A CSV input (a path or stdin) read into batches by {@link CsvReader}; its schema is given or inferred. */
public final class CsvSource implements DataSource {
    private final String name;
    private final CsvReader reader;
    private final long size;

    private CsvSource(String name, CsvReader reader, long size) {
        this.name = name;
        this.reader = reader;
        this.size = size;
    }

    /** Opens {@code spec}, a path or {@code -} for stdin. */
    public static CsvSource open(String spec, CsvReadOptions options, BufferAllocator allocator, Console console)
            throws IOException {
        if (spec.equals("-")) {
            return new CsvSource("stdin", CsvReader.open(console.stdinChannel(), allocator, options), -1);
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            throw new IOException(spec + " is a directory, not a CSV file");
        }
        return new CsvSource(spec, CsvReader.open(path, allocator, options), Files.size(path));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "CSV";
    }

    @Override
    public Schema schema() {
        return reader.schema();
    }

    @Override
    public RecordBatch next() throws IOException {
        return reader.next();
    }

    @Override
    public long rowCount() {
        return -1;
    }

    @Override
    public double fractionRead() {
        return size < 0 ? -1 : size == 0 ? 1.0 : Math.min(1.0, (double) reader.bytesRead() / size);
    }

    /** Rows skipped as bad (with skipBadRows). */
    public long skippedRows() {
        return reader.skippedRows();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
