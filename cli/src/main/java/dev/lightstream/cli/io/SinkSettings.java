package dev.lightstream.cli.io;

import dev.lightstream.csv.CsvWriteOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.parquet.ParquetWriteOptions;

/**
 * How an output is written, per format: the IPC format and options, the CSV options or the Parquet
 * options. Only the part of the output's format is set.
 */
public record SinkSettings(IpcFormat ipcFormat, IpcWriteOptions ipc, CsvWriteOptions csv, ParquetWriteOptions parquet) {
    public static SinkSettings ipc(IpcFormat format, IpcWriteOptions options) {
        return new SinkSettings(format, options, null, null);
    }

    public static SinkSettings csv(CsvWriteOptions options) {
        return new SinkSettings(null, null, options, null);
    }

    public static SinkSettings parquet(ParquetWriteOptions options) {
        return new SinkSettings(null, null, null, options);
    }
}
