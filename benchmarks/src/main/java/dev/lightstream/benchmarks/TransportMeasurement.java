package dev.lightstream.benchmarks;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.spi.TransportProviders;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTrust;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An IPC stream over a transport of the optional modules, found through the transport providers as
 * any application finds them: {@code ws-64k} (WebSocket, plain, beside {@code tcp-64k}),
 * {@code quic-64k} (Netty's native QUIC) and {@code webtransport-64k} (flupke and kwik). QUIC and
 * WebTransport always run TLS 1.3: a self-signed certificate made at set-up, pinned by the client.
 *
 * <p>Each run is one new connection (QUIC and WebTransport: one new session, handshake included),
 * the server's side writing on the writer thread, the client reading and summing here. The peer is
 * the raw pump over the same transport: the transport's own ceiling, with no IPC at all. There is no
 * Arrow Java side: it has no such transports.
 *
 * <p>WebTransport moves at most {@link #WEBTRANSPORT_MAX_BYTES} a run: larger streams stalled with kwik
 * 0.10.8 in our tests (docs/transports.md), and a stall would stop the whole run.
 */
final class TransportMeasurement extends Measurement {
    /** The most a WebTransport run moves. */
    static final long WEBTRANSPORT_MAX_BYTES = 8L << 20;

    private final String scheme;
    private final int batchRows;
    private BufferAllocator allocator;
    private RecordBatch batch;
    private Acceptor acceptor;
    private Endpoint.Url endpoint;
    private TlsConfig clientTls;
    private ExecutorService writer;
    private long copies;

    /** @param scheme ws, quic or https (WebTransport) */
    TransportMeasurement(String name, String scheme, int batchRows) {
        super(name, MB_PER_S);
        this.scheme = scheme;
        this.batchRows = batchRows;
    }

    @Override
    public List<Side> setUp(Scale scale, Workspace workspace) throws Exception {
        allocator = BufferAllocator.create();
        batch = BenchData.generate(batchRows, 7).toBatch(allocator);
        long perBatch = streamBytes(2) - streamBytes(1);
        long volume = scheme.equals("https") ? Math.min(scale.streamBytes(), WEBTRANSPORT_MAX_BYTES)
                : scale.streamBytes();
        copies = Math.max(1, volume / perBatch);
        referenceBytes = streamBytes(copies);
        referenceRows = copies * batchRows;

        TlsConfig serverTls = null;
        if (!scheme.equals("ws")) {
            SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
            serverTls = TlsConfig.server(certificate.identity()).build();
            clientTls = TlsConfig.client().trust(TlsTrust.pinnedSha256(certificate.sha256Fingerprint())).build();
        }
        String path = scheme.equals("quic") ? "" : "/stream";
        acceptor = TransportProviders.bind(new Endpoint.Url(scheme, "127.0.0.1", 0, path), SocketOptions.defaults(),
                serverTls);
        endpoint = (Endpoint.Url) acceptor.endpoint();
        if (scheme.equals("https")) {
            // kwik matches the server name against the certificate's DNS names, never its IP addresses.
            endpoint = new Endpoint.Url(scheme, "localhost", endpoint.port(), endpoint.path());
        }
        writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("bench-writer").unstarted(r));
        IpcWriteOptions options = IpcWriteOptions.DEFAULT;
        return List.of(
                new Side(Side.OURS, () -> pipe(
                        c -> Ours.writeStream(new OutputOf(c), batch, copies, allocator, options),
                        c -> Ours.readStream(c, allocator))),
                new Side(Side.RAW_PUMP, () -> pipe(
                        c -> RawPump.write(new OutputOf(c), referenceBytes),
                        RawPump::read)));
    }

    private interface WriteEnd {
        long write(Connection connection) throws Exception;
    }

    private interface ReadEnd {
        Moved read(Connection connection) throws Exception;
    }

    /**
     * One connection: accepted and written on the writer thread (then its output ended, so the
     * reader sees the end of the stream), connected to and read here.
     */
    private Moved pipe(WriteEnd writeEnd, ReadEnd readEnd) throws Exception {
        Future<Long> written = writer.submit(() -> {
            try (Connection server = acceptor.accept()) {
                long n = writeEnd.write(server);
                server.shutdownOutput();
                return n;
            }
        });
        Moved read;
        try (Connection client = TransportProviders.connect(endpoint, SocketOptions.defaults(), clientTls)) {
            read = readEnd.read(client);
        } catch (Exception e) {
            written.cancel(true);
            throw e;
        }
        long bytes = written.get();
        return new Moved(read.rows(), read.bytes() > 0 ? read.bytes() : bytes, read.checksum());
    }

    /** Our uncompressed stream of {@code n} copies, written to a channel that only counts. */
    private long streamBytes(long n) throws IOException {
        return Ours.writeStream(new StreamMeasurement.CountingChannel(), batch, n, allocator, IpcWriteOptions.DEFAULT);
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.shutdownNow();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        if (batch != null) {
            batch.close();
        }
        if (allocator != null) {
            allocator.close();
        }
    }

    /**
     * The output of a connection for writers that close what they write to: closing this does not
     * touch the connection, whose output {@link #pipe} ends before closing it (WebTransport loses the
     * tail of a stream closed both ways at once).
     */
    private static final class OutputOf implements GatheringByteChannel {
        private final Connection connection;
        private boolean open = true;

        OutputOf(Connection connection) {
            this.connection = connection;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return connection.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return connection.write(srcs, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return connection.write(srcs);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
