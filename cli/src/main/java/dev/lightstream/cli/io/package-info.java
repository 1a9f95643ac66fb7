/**
 * Input and output of the {@code lightstream} command: the {@link dev.lightstream.cli.io.Console}
 * of a run; inputs of every format behind {@link dev.lightstream.cli.io.DataSource} (Arrow IPC
 * files, streams, stdin and servers in {@link dev.lightstream.cli.io.IpcSource}, CSV in
 * {@link dev.lightstream.cli.io.CsvSource}, Parquet in {@link dev.lightstream.cli.io.ParquetSource},
 * opened by {@link dev.lightstream.cli.io.Sources}); outputs behind
 * {@link dev.lightstream.cli.io.DataSink} (IPC, CSV, Parquet: a path written beside its target
 * and moved into place, or stdout, opened by {@link dev.lightstream.cli.io.Sinks}); the formats and
 * their extensions ({@link dev.lightstream.cli.io.DataFormat}); and the
 * {@link dev.lightstream.cli.io.Progress} line on stderr.
 *
 * {@snippet :
 * try (DataSource source = Sources.open("trips.csv", null, allocator, CsvReadOptions.defaults(), console);
 *      DataSink sink = Sinks.open("trips.parquet", DataFormat.PARQUET, source.schema(),
 *              SinkSettings.parquet(ParquetWriteOptions.defaults()), allocator, console)) {
 *     for (RecordBatch next = source.next(); next != null; next = source.next()) {
 *         try (RecordBatch batch = next) {
 *             sink.write(batch);
 *         }
 *     }
 *     sink.commit();
 * }
 * }
 */
package dev.lightstream.cli.io;
