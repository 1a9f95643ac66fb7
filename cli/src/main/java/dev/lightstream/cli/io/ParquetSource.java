package dev.lightstream.cli.io;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.parquet.ParquetReadOptions;
import dev.lightstream.parquet.ParquetReader;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Parquet input read into batches by {@link ParquetReader}. Parquet is read from its footer
 * backwards, so stdin is first copied to a temporary file (deleted on close).
 */
public final class ParquetSource implements DataSource {
    private final String name;
    private final ParquetReader reader;
    private final Path spooled;

    private ParquetSource(String name, ParquetReader reader, Path spooled) {
        this.name = name;
        this.reader = reader;
        this.spooled = spooled;
    }

    /** Opens {@code spec}, a path or {@code -} for stdin. */
    public static ParquetSource open(String spec, BufferAllocator allocator, Console console) throws IOException {
        Path path;
        Path spooled = null;
        if (spec.equals("-")) {
            spooled = Files.createTempFile("lightstream-stdin", ".parquet");
            try (InputStream in = Channels.newInputStream(console.stdinChannel())) {
                Files.copy(in, spooled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(spooled);
                throw e;
            }
            path = spooled;
        } else {
            path = Path.of(spec);
            if (Files.isDirectory(path)) {
                throw new IOException(spec + " is a directory, not a Parquet file");
            }
        }
        try {
            return new ParquetSource(spooled != null ? "stdin" : spec,
                    ParquetReader.open(path, allocator, ParquetReadOptions.defaults()), spooled);
        } catch (IOException | RuntimeException e) {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "Parquet";
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
        return reader.rowCount();
    }

    /** The number of row groups. */
    public int rowGroupCount() {
        return reader.rowGroupCount();
    }

    /** The footer's key-value metadata. */
    public Map<String, String> footerMetadata() {
        return reader.metadata();
    }

    @Override
    public double fractionRead() {
        long total = reader.rowCount();
        return total == 0 ? 1.0 : (double) reader.rowsRead() / total;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
        }
    }
}
