package dev.lightstream.cli.demo;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.cli.io.IpcFormat;
import dev.lightstream.cli.io.IpcSink;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.net.BatchSource;
import dev.lightstream.net.NetOptions;
import dev.lightstream.net.NetTableReader;
import dev.lightstream.net.TableServer;
import dev.lightstream.net.Transfer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.stdio.StdioTransport;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo round of a transport: the table, first written once as an IPC stream file
 * ({@code transport.arrows}, not timed), is served by {@code lightstream serve}'s machinery and
 * received by a client that verifies every batch.
 *
 * <ul>
 *   <li>{@link Kind#TCP} and {@link Kind#UNIX}: a {@link TableServer} on loopback or a Unix socket
 *       in this process (its connection thread sends, this thread receives); the write time is the
 *       server's transfer time.</li>
 *   <li>{@link Kind#WEBSOCKET}, {@link Kind#QUIC} and {@link Kind#WEBTRANSPORT}: the same on loopback
 *       over the optional transport modules, found on the class path (the round is skipped without
 *       them), with a self-signed certificate that the client pins for QUIC and WebTransport. The
 *       WebTransport round moves at most the first {@value #WEBTRANSPORT_MAX_ROWS} rows (whole
 *       batches, at least one): flupke and kwik move about 10-20 MB/s here, so the default table
 *       (about 400 MB) would hold the demo for a minute or more (docs/transports.md).</li>
 *   <li>{@link Kind#STDIO}: a second process, {@code lightstream serve transport.arrows --listen -}
 *       (the java of this process with the same class path), whose stdout is read through a pipe. The
 *       write side is another process: its time is not known here and shows as "-"; the read time
 *       starts once the schema has arrived, so that the child's start-up is not counted.</li>
 * </ul>
 *
 * <p>The size reported is the bytes that crossed the transport; read times exclude verification.
 */
public final class TransportRound implements DemoRound {
    /** Which transport. */
    public enum Kind {
        TCP("tcp"),
        UNIX("unix socket"),
        WEBSOCKET("websocket"),
        QUIC("quic"),
        WEBTRANSPORT("webtransport"),
        STDIO("stdio pipe");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String FILE = "transport.arrows";
    private static final String WEBTRANSPORT_FILE = "webtransport.arrows";
    /** The most rows the WebTransport round moves (about 8 MB of the demo's columns, a second or so). */
    public static final long WEBTRANSPORT_MAX_ROWS = 100_000;

    private final Kind kind;

    public TransportRound(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.label;
    }

    @Override
    public String skipReason(DemoTable table) {
        String scheme = switch (kind) {
            case WEBSOCKET -> "ws";
            case QUIC -> "quic";
            case WEBTRANSPORT -> "https";
            default -> null;
        };
        if (scheme != null && dev.lightstream.transport.spi.TransportProviders.find(scheme).isEmpty()) {
            return "its module is not on the class path";
        }
        return null;
    }

    @Override
    public String note(DemoTable table) {
        DemoTable moved = moved(table);
        if (moved.rows() == table.rows()) {
            return null;
        }
        return name() + " moved the first " + moved.rows() + " rows (" + moved.batchCount()
                + (moved.batchCount() == 1 ? " batch" : " batches")
                + "): WebTransport runs at about 10-20 MB/s here, see docs/transports.md";
    }

    /**
     * What this round moves of {@code table}: all of it, except that WebTransport takes whole batches
     * up to {@link #WEBTRANSPORT_MAX_ROWS} rows (at least one). Every value is a function of the seed
     * and the row number, so the prefix is the same rows as the start of the whole table.
     */
    DemoTable moved(DemoTable table) {
        if (kind != Kind.WEBTRANSPORT || table.rows() <= WEBTRANSPORT_MAX_ROWS) {
            return table;
        }
        long batches = Math.max(1, WEBTRANSPORT_MAX_ROWS / table.batchRows());
        return new DemoTable(batches * table.batchRows(), table.batchRows(), table.seed());
    }

    @Override
    public RoundResult run(DemoTable table, DemoContext context) throws IOException {
        DemoTable moved = moved(table);
        boolean prefix = moved != table;
        Path stream = prepare(moved, prefix ? WEBTRANSPORT_FILE : FILE, context);
        DemoTable expected = prefix ? moved(context.expected()) : context.expected();
        try {
            return switch (kind) {
                case TCP -> inProcess(Endpoint.parse("tcp://127.0.0.1:0"), stream, expected, context);
                case UNIX -> overUnixSocket(stream, expected, context);
                case WEBSOCKET -> inProcess(Endpoint.parse("ws://127.0.0.1:0"), stream, expected, context);
                case QUIC -> inProcess(Endpoint.parse("quic://127.0.0.1:0"), stream, expected, context);
                case WEBTRANSPORT -> inProcess(Endpoint.parse("https://127.0.0.1:0/stream"), stream, expected, context);
                case STDIO -> overStdio(stream, expected, context);
            };
        } finally {
            if (!context.keepFiles() && (kind == Kind.STDIO || prefix)) {
                Files.deleteIfExists(stream); // the last transport round, or a prefix of the table
            }
        }
    }

    /** Writes the table once as a stream file, for all transport rounds. */
    private static Path prepare(DemoTable table, String file, DemoContext context) throws IOException {
        Path path = context.directory().resolve(file);
        if (Files.exists(path)) {
            return path;
        }
        try (DemoTable.Generator generator = table.generator(context.allocator());
             IpcSink sink = IpcSink.open(path.toString(), IpcFormat.STREAM, DemoTable.SCHEMA, context.writeOptions(),
                     context.allocator(), context.console())) {
            for (RecordBatch batch = generator.next(); batch != null; batch = generator.next()) {
                try (RecordBatch b = batch) {
                    sink.write(b);
                }
            }
            sink.commit();
        }
        return path;
    }

    private RoundResult overUnixSocket(Path stream, DemoTable expected, DemoContext context) throws IOException {
        // Socket paths are short (about 100 bytes): a directory of its own under the temporary one.
        Path dir = Files.createTempDirectory("ls");
        try {
            return inProcess(new Endpoint.Unix(dir.resolve("demo.sock")), stream, expected, context);
        } finally {
            Files.deleteIfExists(dir.resolve("demo.sock"));
            Files.deleteIfExists(dir);
        }
    }

    private RoundResult inProcess(Endpoint endpoint, Path stream, DemoTable expected, DemoContext context)
            throws IOException {
        BufferAllocator allocator = context.allocator();
        CompletableFuture<Transfer> sent = new CompletableFuture<>();
        NetOptions options = NetOptions.defaults().withWrite(context.writeOptions());
        NetOptions serverOptions = options;
        NetOptions clientOptions = options;
        if (endpoint instanceof Endpoint.Url url && !url.scheme().equals("ws")) {
            SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
            serverOptions = options.withTls(TlsConfig.server(certificate.identity()).build());
            clientOptions = options.withTls(TlsConfig.client()
                    .trust(TlsTrust.pinnedSha256(certificate.sha256Fingerprint())).build());
        }
        try (TableServer server = TableServer.serve(endpoint, BatchSource.ofFile(stream), allocator, serverOptions,
                sent::complete);
             NetTableReader reader = NetTableReader.connect(byName(server.endpoint()), allocator, clientOptions)) {
            long start = System.nanoTime();
            reader.schema();
            Received received = receive(reader, expected);
            long readNanos = System.nanoTime() - start - received.verifyNanos();
            Transfer transfer = await(sent);
            if (transfer.failure().isPresent()) {
                throw new IOException(name() + ": the server failed: " + transfer.failure().get().getMessage(),
                        transfer.failure().get());
            }
            return new RoundResult(name(), reader.bytesRead(), received.rows(), received.batches(),
                    transfer.elapsedNanos(), readNanos, received.verifyNanos());
        }
    }

    /** WebTransport's client (kwik) checks the certificate's DNS names, never its IP addresses. */
    private static Endpoint byName(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Url url && url.scheme().equals("https")) {
            return new Endpoint.Url(url.scheme(), "localhost", url.port(), url.path());
        }
        return endpoint;
    }

    private RoundResult overStdio(Path stream, DemoTable expected, DemoContext context) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.lightstream.cli.Main", "serve", stream.toString(), "--listen", "-"));
        Process child = new ProcessBuilder(command).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(child.getErrorStream()));
        try {
            NetTableReader reader = NetTableReader.of(StdioTransport.of(Channels.newChannel(child.getInputStream()),
                    Channels.newChannel(child.getOutputStream()), "lightstream serve (pid " + child.pid() + ")"),
                    context.allocator(), NetOptions.defaults());
            try (reader) {
                reader.schema(); // the child has started and opened the file
                long start = System.nanoTime();
                Received received = receive(reader, expected);
                long readNanos = System.nanoTime() - start - received.verifyNanos();
                if (child.waitFor() != 0) {
                    throw new IOException(name() + ": lightstream serve exited with " + child.exitValue() + ": "
                            + errors.get(10, TimeUnit.SECONDS).strip());
                }
                return new RoundResult(name(), reader.bytesRead(), received.rows(), received.batches(), -1,
                        readNanos, received.verifyNanos());
            } catch (DemoMismatchException e) {
                throw e; // the data is wrong, not the child
            } catch (IOException e) {
                String said = child.isAlive() ? "" : errors.getNow("").strip();
                throw said.isEmpty() ? e : new IOException(e.getMessage() + " (lightstream serve: " + said + ")", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name() + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(name() + ": lightstream serve failed", e);
        } finally {
            child.destroyForcibly();
        }
    }

    private record Received(long rows, int batches, long verifyNanos) {}

    private Received receive(NetTableReader reader, DemoTable expected) throws IOException {
        long rows = 0;
        int batches = 0;
        long verifyNanos = 0;
        for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
            try (RecordBatch b = batch) {
                long start = System.nanoTime();
                expected.verify(b, batches);
                verifyNanos += System.nanoTime() - start;
                rows += b.rowCount();
                batches++;
            }
        }
        if (rows != expected.rows() || batches != expected.batchCount()) {
            throw new DemoMismatchException(String.format(Locale.ROOT, "%s: received %d rows in %d batches, expected"
                    + " %d rows in %d batches", name(), rows, batches, expected.rows(), expected.batchCount()));
        }
        return new Received(rows, batches, verifyNanos);
    }

    private Transfer await(CompletableFuture<Transfer> sent) throws IOException {
        try {
            return sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name() + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(name() + ": the server did not report its transfer", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
