package dev.lightstream.cli;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.cli.io.Console;
import dev.lightstream.cli.io.IpcFormat;
import dev.lightstream.cli.io.IpcSink;
import dev.lightstream.cli.io.IpcSource;
import dev.lightstream.cli.io.Progress;
import dev.lightstream.cli.text.Units;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.NetOptions;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lightstream convert IN OUT}: between the IPC file and stream formats, streaming: each
 * batch is written as soon as it is read, then closed. IN may be a server
 * ({@code tcp://}, {@code tls://}, {@code unix://}, as {@code lightstream serve} runs): the stream it
 * sends is received and written to OUT. Dictionaries, deltas included, are carried
 * over (a stream that replaces a dictionary cannot become a file: the file format forbids it).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
            "Converts between the Arrow IPC file and stream formats, batch by batch.",
            "OUT's format is told by its extension (file: .arrow .arrow_file .feather; stream: .arrows .stream;"
                    + " - is stdout, a stream), IN's by its first bytes; --from and --to override.",
            "Dictionaries, deltas included, are carried over. A path is written beside its target and moved"
                    + " into place when complete.",
            "IN may be a server (tcp://HOST:PORT, tls://HOST:PORT, unix:///PATH, as 'lightstream serve' runs):"
                    + " the stream it sends is received and written to OUT. - is stdin, which may be a pipe from"
                    + " 'lightstream serve SOURCE --listen -'."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid input (one line on stderr)", "2:usage error"})
final class ConvertCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "IN", description = "an Arrow IPC file or stream, - for stdin, or a server:"
            + " tcp://HOST:PORT, tls://HOST:PORT, unix:///PATH")
    String input;

    @Parameters(index = "1", paramLabel = "OUT", description = "the output path, or - for stdout")
    String output;

    @Option(names = "--from", paramLabel = "FORMAT", description = "read IN as file or stream")
    IpcFormat from;

    @Option(names = "--to", paramLabel = "FORMAT", description = "write OUT as file or stream")
    IpcFormat to;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "none",
            description = "body compression of OUT: zstd, lz4 (LZ4_FRAME) or none (default: ${DEFAULT-VALUE})")
    CompressionOption compression;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        IpcFormat format = to != null ? to : IpcFormat.byName(output);
        if (format == null) {
            throw usageError("cannot tell the format of '" + output + "' from its extension (.arrow, .arrow_file,"
                    + " .feather: file; .arrows, .stream: stream): add --to file or --to stream");
        }
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(compression.type());
        NetOptions network = null;
        if (Endpoints.isNetwork(input)) {
            Endpoint endpoint = Endpoints.parse(input, this::usageError);
            if (from == IpcFormat.FILE) {
                throw usageError("a server sends a stream: --from file does not apply to " + input);
            }
            network = NetOptions.defaults();
            TlsConfig config = tls.client(endpoint, console().err(), this::usageError);
            if (config != null) {
                network = network.withTls(config);
            }
        } else if (tls.any()) {
            throw usageError("TLS options (--cert, --key, --trust, --trust-fingerprint, --insecure) need a tls://"
                    + " input, not " + input);
        }
        try {
            convert(format, options, network);
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

    private void convert(IpcFormat format, IpcWriteOptions options, NetOptions network) throws IOException {
        long start = System.nanoTime();
        long rows = 0;
        long batches = 0;
        try (BufferAllocator allocator = BufferAllocator.create();
             IpcSource source = network != null
                     ? IpcSource.connect(Endpoint.parse(input), network, allocator)
                     : IpcSource.open(input, from, allocator, IpcReadOptions.DEFAULT, console());
             IpcSink sink = IpcSink.open(output, format, source.schema(), options, allocator, console());
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
                        + " batches to " + (output.equals("-") ? "stdout" : output) + " (" + format.description()
                        + ", " + Units.bytes(sink.bytesWritten()) + ") in " + Units.seconds(System.nanoTime() - start));
            }
        }
    }
}
