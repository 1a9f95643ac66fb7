package dev.lightstream.quic;

import static dev.lightstream.quic.QuicGoldenTest.CLIENT_TLS;
import static dev.lightstream.quic.QuicGoldenTest.SERVER_TLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.SequenceTable;
import dev.lightstream.fixtures.TransportEcho;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.spi.TransportProviders;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTrust;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the QUIC transport must do besides carrying the golden cases. */
@Timeout(90)
class QuicTransportTest {
    private static final Endpoint.Url LOOPBACK = (Endpoint.Url) Endpoint.parse("quic://127.0.0.1:0");

    private static ConnectionServer listen(ConnectionHandler handler) throws IOException {
        return QuicTransport.listen(LOOPBACK, SocketOptions.defaults(), SERVER_TLS, ServerOptions.defaults(), handler);
    }

    /** Writes {@code batches} of the sequence table, then ends the stream. */
    static ConnectionHandler sequenceTable(int batches, int rows, List<Throwable> failures) {
        return connection -> {
            try (BufferAllocator memory = BufferAllocator.create()) {
                ArrowStreamWriter writer = new ArrowStreamWriter(connection, SequenceTable.SCHEMA, memory);
                for (int i = 0; i < batches; i++) {
                    try (RecordBatch batch = SequenceTable.batch(memory, (long) i * rows, rows)) {
                        writer.write(batch);
                    }
                }
                writer.end();
                connection.shutdownOutput();
                writer.close();
            } catch (IOException e) {
                failures.add(e);
            }
        };
    }

    static long readSequence(Connection connection, BufferAllocator allocator) throws IOException {
        long row = 0;
        try (ArrowStreamReader reader = new ArrowStreamReader(connection, allocator)) {
            for (RecordBatch batch; (batch = reader.next()) != null; ) {
                try (RecordBatch b = batch) {
                    SequenceTable.assertRows(b, row);
                    row += b.rowCount();
                }
            }
        }
        return row;
    }

    /** Reads (and drops) what is left of a stream. */
    static void drain(ArrowStreamReader reader) throws IOException {
        for (RecordBatch batch; (batch = reader.next()) != null; ) {
            batch.close();
        }
    }

    /** Four tables at once, each on its own stream of one QUIC connection, each echoed whole. */
    @Test
    void oneConnectionCarriesSeveralTablesAtOnce() throws Exception {
        int streams = 4;
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(TransportEcho.handler());
                QuicSession session = QuicTransport.openSession((Endpoint.Url) server.endpoint(),
                        SocketOptions.defaults(), CLIENT_TLS)) {
            List<Connection> opened = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                opened.add(session.openStream());
            }
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                Connection stream = opened.get(i);
                long first = i * 1_000_000L;
                CompletableFuture<Long> result = new CompletableFuture<>();
                results.add(result);
                Thread.ofVirtual().start(() -> {
                    List<RecordBatch> batches = new ArrayList<>();
                    try {
                        for (int b = 0; b < 20; b++) {
                            batches.add(SequenceTable.batch(allocator, first + b * 10_000L, 10_000));
                        }
                        try (Golden.Content sent = new Golden.Content(SequenceTable.SCHEMA, batches);
                                Golden.Content echoed = TransportEcho.roundTrip(stream, sent, allocator)) {
                            long row = first;
                            for (RecordBatch batch : echoed.batches()) {
                                SequenceTable.assertRows(batch, row);
                                row += batch.rowCount();
                            }
                            result.complete(row - first);
                        }
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
            }
            for (CompletableFuture<Long> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(200_000L);
            }
            assertThat(server.acceptedCount()).isEqualTo(streams);
            assertThat(session.isOpen()).isTrue();
        }
    }

    /** A reader that does not read stops the writer through QUIC's flow control; then all arrives in order. */
    @Test
    void aSlowReaderStopsTheWriter() throws Exception {
        long total = 64L << 20;
        int chunk = 64 << 10;
        AtomicLong written = new AtomicLong();
        try (ConnectionServer server = listen(connection -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(chunk);
            for (long sent = 0; sent < total; sent += chunk) {
                buffer.clear();
                for (int i = 0; i < chunk; i += 8) {
                    buffer.putLong(i, sent + i);
                }
                connection.write(buffer);
                written.addAndGet(chunk);
            }
            connection.shutdownOutput();
        }); Connection client = QuicTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                CLIENT_TLS)) {
            long last = -1;
            while (written.get() != last) {
                last = written.get();
                Thread.sleep(300);
            }
            assertThat(written.get()).as("bytes written while nobody reads").isLessThan(total / 2);
            ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
            long read = 0;
            while (client.read(in) >= 0) {
                in.flip();
                while (in.remaining() >= 8) {
                    assertThat(in.getLong()).as("the long at byte " + read).isEqualTo(read);
                    read += 8;
                }
                in.compact();
            }
            assertThat(in.position()).isZero();
            assertThat(read).isEqualTo(total);
        }
    }

    /**
     * A client whose QUIC connection closes mid-stream fails the server's write with an IOException;
     * the server goes on serving, and the next client reads the whole table.
     */
    @Test
    void aClientThatVanishesFailsTheWriteAndOthersAreStillServed() throws Exception {
        int batches = 256;
        int rows = 16_384;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(sequenceTable(batches, rows, failures))) {
            QuicSession doomed = QuicTransport.openSession((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                    CLIENT_TLS);
            Connection stream = doomed.openStream();
            ArrowStreamReader reader = new ArrowStreamReader(stream, allocator);
            try (RecordBatch first = reader.next()) {
                SequenceTable.assertRows(first, 0);
            }
            doomed.close(); // CONNECTION_CLOSE, mid-stream
            assertThatThrownBy(() -> drain(reader)).isInstanceOf(IOException.class);
            reader.close();
            while (failures.isEmpty()) {
                Thread.sleep(20);
            }
            assertThat(failures.get(0)).isInstanceOf(IOException.class);
            try (Connection next = QuicTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                    CLIENT_TLS)) {
                assertThat(readSequence(next, allocator)).isEqualTo((long) batches * rows);
            }
            assertThat(failures).hasSize(1);
        }
    }

    /** A server that goes away mid-stream (its QUIC connections closed) is an IOException for the reader. */
    @Test
    void aServerThatVanishesIsATypedErrorForTheReader() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ConnectionServer server = QuicTransport.listen(LOOPBACK, SocketOptions.defaults(), SERVER_TLS,
                ServerOptions.defaults().withShutdownGrace(java.time.Duration.ZERO), sequenceTable(256, 16_384, failures));
        try (BufferAllocator allocator = BufferAllocator.create();
                QuicSession session = QuicTransport.openSession((Endpoint.Url) server.endpoint(),
                        SocketOptions.defaults(), CLIENT_TLS);
                Connection client = session.openStream();
                ArrowStreamReader reader = new ArrowStreamReader(client, allocator)) {
            try (RecordBatch first = reader.next()) {
                SequenceTable.assertRows(first, 0);
            }
            server.close();
            assertThatThrownBy(() -> drain(reader)).isInstanceOf(IOException.class);
            while (session.isOpen()) {
                Thread.sleep(20); // the session learns of it too, well before its idle timeout (the @Timeout)
            }
        } finally {
            server.close();
        }
    }

    /** The Lightstream protocol (messages and tables interleaved, both ways) over a QUIC stream. */
    @Test
    void theProtocolRunsOverAQuicStream() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(dev.lightstream.fixtures.ProtocolEcho.server());
                Connection client = QuicTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                        CLIENT_TLS)) {
            dev.lightstream.fixtures.ProtocolEcho.exchange(client, allocator);
        }
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        TlsConfig other = TlsConfig.client()
                .trust(TlsTrust.pinnedSha256(SelfSignedCertificate.forLocalhost().sha256Fingerprint())).build();
        try (ConnectionServer server = listen(TransportEcho.handler())) {
            assertThatThrownBy(() -> QuicTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                    other)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theProviderServesQuic() throws Exception {
        assertThat(TransportProviders.find("quic")).isPresent();
        try (BufferAllocator allocator = BufferAllocator.create();
                var acceptor = TransportProviders.bind(LOOPBACK, SocketOptions.defaults(), SERVER_TLS);
                ConnectionServer server = ConnectionServer.start(acceptor, sequenceTable(3, 100, new ArrayList<>()));
                Connection client = TransportProviders.connect((Endpoint.Url) server.endpoint(),
                        SocketOptions.defaults(), CLIENT_TLS)) {
            assertThat(server.endpoint().toString()).startsWith("quic://127.0.0.1:");
            assertThat(readSequence(client, allocator)).isEqualTo(300);
        }
        assertThatThrownBy(() -> TransportProviders.bind(LOOPBACK, SocketOptions.defaults(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server TlsConfig");
    }
}
