package dev.lightstream.cli.io;

import dev.lightstream.csv.CsvWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.parquet.ParquetWriter;
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
            case CSV -> WriterSink.open(spec, console, out -> CsvWriter.open(out, schema, settings.csv()),
                    CsvWriter::write, CsvWriter::close);
            case PARQUET -> WriterSink.open(spec, console, out -> ParquetWriter.open(out, schema, settings.parquet()),
                    ParquetWriter::write, ParquetWriter::close);
            case FILE, STREAM -> IpcSink.open(spec, format.ipc(), schema, settings.ipc(), allocator, console);
        };
    }
}
