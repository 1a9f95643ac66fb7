/**
 * Input and output of the {@code lightstream} command: the {@link dev.lightstream.cli.io.Console}
 * of a run, Arrow IPC inputs ({@link dev.lightstream.cli.io.IpcSource}: a file, a stream, stdin)
 * and outputs ({@link dev.lightstream.cli.io.IpcSink}: a file or stream written beside its
 * target and moved into place, or stdout), and the {@link dev.lightstream.cli.io.Progress} line
 * on stderr.
 *
 * {@snippet :
 * try (IpcSource source = IpcSource.open(in, null, allocator, IpcReadOptions.DEFAULT, console);
 *      IpcSink sink = IpcSink.open(out, IpcFormat.STREAM, source.schema(), IpcWriteOptions.DEFAULT, allocator, console)) {
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
