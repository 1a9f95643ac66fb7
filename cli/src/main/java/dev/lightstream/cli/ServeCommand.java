package dev.lightstream.cli;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.cli.io.DataFormat;
import dev.lightstream.cli.io.DataSource;
import dev.lightstream.cli.io.Sources;
import dev.lightstream.cli.text.Units;
import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.BatchReader;
import dev.lightstream.net.BatchSource;
import dev.lightstream.net.NetOptions;
import dev.lightstream.net.TableServer;
import dev.lightstream.net.Transfer;
import dev.lightstream.net.Transports;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.stdio.StdioTransport;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lightstream serve SOURCE --listen URI [--once]}: sends the batches of an IPC file or
 * stream, as an Arrow IPC stream, to every client that connects ({@link TableServer}). Each client
 * gets the whole table, read for it from the start; a slow client blocks only its own transfer.
 *
 * <pre>
 * $ lightstream serve trips.arrow --listen tcp://0.0.0.0:9000
 * lightstream: serving trips.arrow on tcp://0.0.0.0:9000 (Ctrl-C stops)
 * lightstream: sent 77 batches, 382 MB to /10.0.0.7:51234 in 0.612 s
 * </pre>
 *
 * <p>Everything it says goes to stderr; over stdio ({@code --listen -}) stdout carries the stream and
 * nothing else, and there is one client (the other end of the pipe), as with {@code --once}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serves the batches of an Arrow IPC file or stream to every client that connects, each getting the whole"
                    + " table as an Arrow IPC stream.",
            "--listen takes tcp://HOST:PORT, tls://HOST:PORT, unix:///PATH or - (stdout: one client, the other end of"
                    + " the pipe). Port 0 takes a free port; the address is printed on stderr.",
            "With the optional transport modules (bin/lightstream has them): ws://HOST:PORT and wss://HOST:PORT"
                    + " (WebSocket: a browser page at /, the stream at /stream), quic://HOST:PORT, and"
                    + " https://HOST:PORT/stream (WebTransport).",
            "A slow client blocks only its own transfer, and the server reads at most --in-flight MiB ahead for it."
                    + " Without --once, serves until interrupted, with one line per client on stderr.",
            "tls://, wss://, quic:// and https:// without --cert serve with a self-signed certificate and print its"
                    + " SHA-256 fingerprint on stderr."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:served (with --once or over stdout)", "1:invalid input, or a failed transfer with --once"
                + " (one line on stderr)", "2:usage error", "130, 143:interrupted (Ctrl-C, SIGTERM), the way to stop"
                + " a server without --once"})
final class ServeCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "SOURCE",
            description = "an Arrow IPC file or stream, or a CSV (.csv, .tsv) or Parquet (.parquet) file")
    Path source;

    @Option(names = "--listen", required = true, paramLabel = "URI",
            description = "tcp://HOST:PORT, tls://HOST:PORT, unix:///PATH, ws://HOST:PORT, wss://HOST:PORT,"
                    + " quic://HOST:PORT, https://HOST:PORT/stream, or - for stdout")
    String listen;

    @Option(names = "--once", description = "exit after serving one client")
    boolean once;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "none",
            description = "body compression of what is sent: zstd, lz4 (LZ4_FRAME) or none (default: ${DEFAULT-VALUE})")
    CompressionOption compression;

    @Option(names = "--in-flight", paramLabel = "MIB", defaultValue = "64",
            description = "MiB of batches read ahead of a client, at most (default: ${DEFAULT-VALUE})")
    int inFlightMiB;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        Endpoint endpoint = Endpoints.parse(listen, this::usageError);
        if (inFlightMiB < 1) {
            throw usageError("--in-flight must be at least 1 (MiB): " + inFlightMiB);
        }
        PrintWriter err = console().err();
        TlsConfig tlsConfig = tls.server(endpoint, err, this::usageError);
        NetOptions options = NetOptions.defaults()
                .withWrite(IpcWriteOptions.DEFAULT.withCompression(compression.type()))
                .withInFlightBytes((long) inFlightMiB << 20);
        if (tlsConfig != null) {
            options = options.withTls(tlsConfig);
        }
        BatchSource batches = batches(source);
        try (BufferAllocator allocator = BufferAllocator.create()) {
            check(batches, allocator);
            if (endpoint instanceof Endpoint.Stdio) {
                Connection stdio = StdioTransport.of(console().stdinChannel(), console().stdoutChannel(), "stdio");
                try (stdio) {
                    TableServer.send(stdio, batches, allocator, options);
                }
                return 0;
            }
            if (once) {
                serveOne(endpoint, batches, allocator, options);
                return 0;
            }
            serveUntilInterrupted(endpoint, batches, allocator, options);
            return 0;
        }
    }

    /**
     * The table to serve: an IPC file or stream as the net layer reads it; a CSV or Parquet file (by
     * its extension) read anew for each client through the command's sources, its batches sent as
     * an IPC stream.
     */
    private BatchSource batches(Path path) {
        DataFormat format = DataFormat.byName(path.toString());
        if (format != DataFormat.CSV && format != DataFormat.PARQUET) {
            return BatchSource.ofFile(path);
        }
        CsvReadOptions csv = CsvReadOptions.defaults().withDelimiter(DataFormat.isTabSeparated(path.toString()) ? '\t' : ',');
        return allocator -> {
            DataSource data = Sources.open(path.toString(), format, allocator, csv, console());
            return new BatchReader() {
                @Override
                public Schema schema() throws IOException {
                    return data.schema();
                }

                @Override
                public RecordBatch next() throws IOException {
                    return data.next();
                }

                @Override
                public void close() throws IOException {
                    data.close();
                }
            };
        };
    }

    /** Opens the source once, so that a missing or broken file fails before anything listens. */
    private void check(BatchSource batches, BufferAllocator allocator) throws IOException {
        if (Files.isDirectory(source)) {
            throw new IOException(source + " is a directory, not an Arrow IPC file or stream");
        }
        try (BatchReader reader = batches.open(allocator)) {
            reader.schema();
        }
    }

    private void serveOne(Endpoint endpoint, BatchSource batches, BufferAllocator allocator, NetOptions options)
            throws IOException {
        Connection connection;
        Acceptor acceptor = Transports.bind(endpoint, options.transport());
        try {
            console().err().println("lightstream: serving " + source + " on " + acceptor.endpoint()
                    + " to one client");
            page(acceptor.endpoint());
            connection = acceptor.accept();
            // A socket's listener closes at once (no second client waits in its backlog); the QUIC and
            // WebTransport connections of a stream, and WebSocket's event loop, belong to their
            // listener: it closes after the transfer.
            if (!(endpoint instanceof Endpoint.Url)) {
                acceptor.close();
            }
        } catch (IOException | RuntimeException e) {
            acceptor.close();
            throw e;
        }
        try (acceptor; connection) {
            if (connection instanceof TlsConnection tlsConnection) {
                tlsConnection.handshake();
            }
            report(TableServer.send(connection, batches, allocator, options));
            if (endpoint instanceof Endpoint.Url) {
                awaitClientEnd(connection, options.lingerTimeout());
            }
        }
    }

    /**
     * Ends the output and waits, bounded, for the client to end its own: the QUIC and WebTransport
     * connections of a stream die with their listener, which closes right after, and a tail still in
     * the library's buffers would be lost (a WebTransport client of {@code serve --once} saw
     * "Connection closed" without it). A client closes once it has read the end of the stream.
     */
    private static void awaitClientEnd(Connection connection, java.time.Duration timeout) {
        try {
            connection.shutdownOutput();
            connection.setReadTimeout(timeout);
            java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(512);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (connection.read(sink.clear()) >= 0 && System.nanoTime() - deadline < 0) {
                // discard: a table client sends nothing
            }
        } catch (IOException e) {
            // the client left, or did not end in time: it is gone or done either way
        }
    }

    private void serveUntilInterrupted(Endpoint endpoint, BatchSource batches, BufferAllocator allocator,
            NetOptions options) throws IOException, InterruptedException {
        PrintWriter err = console().err();
        // Failures reach the transfer report below; the listener keeps other errors (accept) visible.
        NetOptions quiet = options.withServer(ServerOptions.defaults().withErrorListener((remote, error) -> {
            if (remote == null) {
                err.println("lightstream: accept failed: " + ErrorReporter.describe(error));
            } else if (error instanceof javax.net.ssl.SSLHandshakeException) {
                err.println("lightstream: client " + remote + ": " + ErrorReporter.describe(error));
            }
        }));
        CountDownLatch stopped = new CountDownLatch(1);
        TableServer server = TableServer.serve(endpoint, batches, allocator, quiet, this::report);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "lightstream-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("lightstream: serving " + source + " on " + server.endpoint() + " (Ctrl-C stops)");
        page(server.endpoint());
        stopped.await();
    }

    /** A WebSocket server also shows the browser page: say where. */
    private void page(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Url url && (url.scheme().equals("ws") || url.scheme().equals("wss"))) {
            String host = url.host().equals("0.0.0.0") || url.host().equals("::") ? "localhost"
                    : url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
            console().err().println("lightstream: the browser page is at " + (url.scheme().equals("wss") ? "https" : "http")
                    + "://" + host + ":" + url.port() + "/");
        }
    }

    private void report(Transfer transfer) {
        PrintWriter err = console().err();
        String what = transfer.batchesSent() + " batches, " + Units.bytes(transfer.bytesSent());
        // flupke does not tell a WebTransport server its client's address
        Object remote = transfer.remote() != null ? transfer.remote() : "a WebTransport client";
        if (transfer.failure().isPresent()) {
            err.println("lightstream: client " + remote + ": " + ErrorReporter.describe(
                    transfer.failure().get()) + " (after " + what + ")");
        } else {
            err.println("lightstream: sent " + what + " to " + remote + " in "
                    + Units.seconds(transfer.elapsedNanos()));
        }
    }
}
