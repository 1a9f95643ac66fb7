package dev.lightstream.cli.io;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import java.io.IOException;

/** Opens a {@link DataSink} of any format. */
public final class Sinks {
    private Sinks() {}

    /**
     * Opens {@code spec} (a path, or {@code -} for stdout) for writing {@code format} with the
     * settings of that format.
     *
     * @throws dev.lightstream.parquet.UnsupportedParquetTypeException if a field has no Parquet type
     */
    public static DataSink open(String spec, DataFormat format, Schema schema, SinkSettings settings,
            BufferAllocator allocator, Console console) throws IOException {
        return switch (format) {
            case CSV -> CsvSink.open(spec, schema, settings.csv(), console);
            case PARQUET -> ParquetSink.open(spec, schema, settings.parquet(), console);
            case FILE, STREAM -> IpcSink.open(spec, format.ipc(), schema, settings.ipc(), allocator, console);
        };
    }
}
