package dev.lightstream.cli;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.cli.io.Console;
import dev.lightstream.cli.io.DataSink;
import dev.lightstream.cli.io.DataSource;
import dev.lightstream.cli.io.DataFormat;
import dev.lightstream.cli.io.IpcSource;
import dev.lightstream.cli.io.SinkSettings;
import dev.lightstream.cli.io.Sinks;
import dev.lightstream.cli.io.Sources;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.parquet.ParquetCompression;
import dev.lightstream.parquet.ParquetWriteOptions;
import dev.lightstream.cli.io.Progress;
import dev.lightstream.cli.text.Units;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.NetOptions;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lightstream convert IN OUT}: between CSV, Parquet and the Arrow IPC file and stream
 * formats, in any direction, streaming: each batch is written as soon as it is read, then closed.
 * IN may be a server ({@code tcp://}, {@code tls://}, {@code unix://}, and with the optional transport
 * modules {@code ws://}, {@code wss://}, {@code quic://} and {@code https://}, as {@code lightstream serve}
 * runs): the stream it sends is received and written to OUT, in any output format. Formats are
 * told by extension ({@link DataFormat#byName}) or {@code --from}/{@code --to}; {@code --compression}
 * takes the codecs of the output's format. Dictionaries, deltas included, are carried over between
 * IPC formats (a stream that replaces a dictionary cannot become a file: the file format forbids it).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
            "Converts between CSV, Parquet and the Arrow IPC file and stream formats, batch by batch.",
            "Formats are told by extension (CSV: .csv, .tsv; Parquet: .parquet; IPC file: .arrow .arrow_file"
                    + " .feather; IPC stream: .arrows .stream; - is stdin or stdout, an IPC stream), an IPC input's"
                    + " by its first bytes; --from and --to (csv, parquet, file, stream) override.",
            "--compression: zstd, snappy, lz4_raw, gzip or none for Parquet (default zstd); zstd, lz4 or none for"
                    + " IPC (default none); CSV is not compressed.",
            "A CSV input's column types are inferred from its first rows (--infer-rows). A path is written beside"
                    + " its target and moved into place when complete. A progress bar shows on a terminal.",
            "IN may be a server (tcp://HOST:PORT, tls://HOST:PORT, unix:///PATH, ws://HOST:PORT/stream,"
                    + " wss://HOST:PORT/stream, quic://HOST:PORT, https://HOST:PORT/stream, as 'lightstream serve' runs):"
                    + " the stream it sends is received and written to OUT. - is stdin, which may be a pipe from"
                    + " 'lightstream serve SOURCE --listen -'."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid input (one line on stderr)", "2:usage error"})
final class ConvertCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "IN", description = "a CSV, Parquet or Arrow IPC file or stream, - for"
            + " stdin, or a server: tcp://HOST:PORT, tls://HOST:PORT, unix:///PATH, ws[s]://HOST:PORT/stream,"
            + " quic://HOST:PORT, https://HOST:PORT/stream")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "the output path, or - for stdout")
    String output;

    @Option(names = "--from", paramLabel = "FORMAT", description = "read IN as csv, parquet, file or stream")
    DataFormat from;

    @Option(names = "--to", paramLabel = "FORMAT", description = "write OUT as csv, parquet, file or stream")
    DataFormat to;

    @Option(names = "--compression", paramLabel = "CODEC",
            description = "compression of OUT: zstd, snappy, lz4_raw, gzip, none (Parquet, default zstd);"
                    + " zstd, lz4 (LZ4_FRAME), none (IPC, default none)")
    String compression;

    @Mixin
    CsvOptions csv;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        DataFormat format = to != null ? to : DataFormat.byName(output);
        if (format == null) {
            throw usageError("cannot tell the format of '" + output + "' from its extension (.csv, .tsv: CSV;"
                    + " .parquet: Parquet; .arrow, .arrow_file, .feather: IPC file; .arrows, .stream: IPC stream):"
                    + " add --to csv, parquet, file or stream");
        }
        SinkSettings settings = settings(format);
        NetOptions network = null;
        if (Endpoints.isNetwork(input)) {
            Endpoint endpoint = Endpoints.parse(input, this::usageError);
            if (from != null && from != DataFormat.STREAM) {
                throw usageError("a server sends an Arrow IPC stream: --from " + from.name().toLowerCase(Locale.ROOT)
                        + " does not apply to " + input);
            }
            network = NetOptions.defaults();
            TlsConfig config = tls.client(endpoint, console().err(), this::usageError);
            if (config != null) {
                network = network.withTls(config);
            }
        } else if (tls.any()) {
            throw usageError("TLS options (--cert, --key, --trust, --trust-fingerprint, --insecure) need a tls://,"
                    + " wss://, quic:// or https:// input, not " + input);
        }
        DataFormat inputFormat = network != null ? DataFormat.STREAM : from != null ? from : DataFormat.byName(input);
        if (csv.any() && inputFormat != DataFormat.CSV && format != DataFormat.CSV) {
            throw usageError("CSV options (--delimiter, --no-header, --null, --infer-rows, --dictionary) need a CSV"
                    + " input or output");
        }
        CsvReadOptions csvRead = inputFormat == DataFormat.CSV ? csv.read(DataFormat.isTabSeparated(input), this)
                : CsvReadOptions.defaults();
        try {
            convert(format, settings, csvRead, network);
        } catch (SSLHandshakeException e) {
            throw explained(e);
        } catch (IOException e) {
            if (output.equals("-") && Console.isBrokenPipe(e)) {
                return 0; // the reader of stdout stopped (| head): not an error of ours
            }
            throw e;
        }
        return 0;
    }

    /** The output settings, checking that --compression names a codec of the output's format. */
    private SinkSettings settings(DataFormat format) {
        String codec = compression == null ? null : compression.toLowerCase(Locale.ROOT);
        return switch (format) {
            case PARQUET -> {
                if (codec != null && !List.of("zstd", "snappy", "lz4_raw", "lz4", "gzip", "none").contains(codec)) {
                    throw usageError("--compression " + compression + " is not a Parquet codec: use zstd, snappy,"
                            + " lz4_raw, gzip or none");
                }
                ParquetCompression parquet = codec == null ? ParquetCompression.ZSTD : ParquetCompression.parse(codec);
                yield SinkSettings.parquet(ParquetWriteOptions.defaults().withCompression(parquet));
            }
            case FILE, STREAM -> {
                if (codec != null && !List.of("zstd", "lz4", "none").contains(codec)) {
                    throw usageError("--compression " + compression + " is not an Arrow IPC codec: use zstd, lz4 or"
                            + " none (" + codec + " is for Parquet outputs)");
                }
                CompressionOption ipc = codec == null ? CompressionOption.NONE
                        : CompressionOption.valueOf(codec.toUpperCase(Locale.ROOT));
                yield SinkSettings.ipc(format.ipc(), IpcWriteOptions.DEFAULT.withCompression(ipc.type()));
            }
            case CSV -> {
                if (codec != null && !codec.equals("none")) {
                    throw usageError("--compression " + compression + ": CSV outputs are not compressed");
                }
                yield SinkSettings.csv(csv.write(DataFormat.isTabSeparated(output), this));
            }
        };
    }

    /** A refused handshake, with what to do about it when that is clear. */
    private static SSLHandshakeException explained(SSLHandshakeException e) {
        String message = String.valueOf(e.getMessage());
        String hint;
        if (message.contains("the server certificate")) {
            hint = " (trust the server with --trust CA.pem or --trust-fingerprint HEX, or skip the check with"
                    + " --insecure)";
        } else if (message.contains("certificate_required")) {
            hint = " (the server requires a client certificate: give --cert and --key)";
        } else {
            return e;
        }
        SSLHandshakeException explained = new SSLHandshakeException(message + hint);
        explained.initCause(e);
        return explained;
    }

    private void convert(DataFormat format, SinkSettings settings, CsvReadOptions csvRead, NetOptions network)
            throws IOException {
        long start = System.nanoTime();
        long rows = 0;
        long batches = 0;
        try (BufferAllocator allocator = BufferAllocator.create();
             DataSource source = network != null
                     ? IpcSource.connect(Endpoint.parse(input), network, allocator)
                     : Sources.open(input, from, allocator, csvRead, console());
             DataSink sink = Sinks.open(output, format, source.schema(), settings, allocator, console());
             Progress progress = Progress.start(console(), "convert")) {
            while (true) {
                RecordBatch batch = source.next();
                if (batch == null) {
                    break;
                }
                try (batch) {
                    sink.write(batch);
                    rows += batch.rowCount();
                    batches++;
                }
                progress.update(rows, sink.bytesWritten(), source.fractionRead());
            }
            sink.commit();
            progress.close();
            if (console().stderrIsTerminal()) {
                console().err().println("converted " + Units.count(rows) + " rows in " + Units.count(batches)
                        + " batches from " + source.description() + " to " + (output.equals("-") ? "stdout" : output)
                        + " (" + format.description() + ", " + Units.bytes(sink.bytesWritten()) + ") in "
                        + Units.seconds(System.nanoTime() - start));
            }
        }
    }
}
