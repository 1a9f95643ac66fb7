package dev.lightstream.webtransport;

import static dev.lightstream.webtransport.WebTransportGoldenTest.CLIENT_TLS;
import static dev.lightstream.webtransport.WebTransportGoldenTest.SERVER_TLS;
import static dev.lightstream.webtransport.WebTransportGoldenTest.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.ProtocolEcho;
import dev.lightstream.fixtures.SequenceTable;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the WebTransport transport must do besides carrying the golden cases. */
@Timeout(90)
class WebTransportTransportTest {
    private static final Endpoint.Url LOOPBACK = (Endpoint.Url) Endpoint.parse("https://127.0.0.1:0/stream");

    private static ConnectionServer listen(ConnectionHandler handler) throws IOException {
        return WebTransportTransport.listen(LOOPBACK, SocketOptions.defaults(), SERVER_TLS, ServerOptions.defaults(),
                handler);
    }

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

    @Test
    void theProtocolRunsOverAWebTransportStream() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(ProtocolEcho.server());
                Connection client = WebTransportTransport.connect(byName(server), SocketOptions.defaults(), CLIENT_TLS)) {
            ProtocolEcho.exchange(client, allocator);
        }
    }

    /**
     * A table of many batches (about 9 MiB) arrives whole and in order. Without the connection's
     * periodic send request ({@code StreamConnection.kick}) this stalled in about one run in three
     * with kwik 0.10.8: see docs/transports.md.
     */
    @Test
    void aTableOfManyBatchesArrivesWhole() throws Exception {
        int batches = 24;
        int rows = 16_384;
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(sequenceTable(batches, rows, failures));
                Connection client = WebTransportTransport.connect(byName(server), SocketOptions.defaults(), CLIENT_TLS)) {
            assertThat(readSequence(client, allocator)).isEqualTo((long) batches * rows);
        }
        assertThat(failures).isEmpty();
    }

    /**
     * A client that goes away mid-stream (closes its stream and session after the first batch) fails
     * the server's write with an IOException; the server goes on serving: the next client gets the
     * whole table.
     */
    @Test
    void aClientThatVanishesFailsTheWriteAndOthersAreStillServed() throws Exception {
        int batches = 32;
        int rows = 16_384; // about 12 MiB: more than kwik's flow-control windows let out at once
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Throwable> firstFailure = new java.util.concurrent.CompletableFuture<>();
        ConnectionHandler table = connection -> {
            sequenceTable(batches, rows, failures).handle(connection);
            if (!failures.isEmpty()) {
                firstFailure.complete(failures.getFirst());
            }
        };
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(table)) {
            try (Connection leaver = WebTransportTransport.connect(byName(server), SocketOptions.defaults(), CLIENT_TLS);
                    ArrowStreamReader reader = new ArrowStreamReader(leaver, allocator)) {
                try (RecordBatch first = reader.next()) {
                    SequenceTable.assertRows(first, 0);
                }
            }
            assertThat(firstFailure.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IOException.class);
            try (Connection client = WebTransportTransport.connect(byName(server), SocketOptions.defaults(), CLIENT_TLS)) {
                assertThat(readSequence(client, allocator)).isEqualTo((long) batches * rows);
            }
            assertThat(failures).hasSize(1);
        }
    }

    /**
     * A server that goes away mid-stream (its listener closed, which closes its QUIC connections, while
     * a table is on its way) is a typed IOException for the reader, not a short table or a hang.
     */
    @Test
    void aServerThatVanishesIsATypedErrorForTheReader() throws Exception {
        int batches = 64;
        int rows = 16_384;
        try (BufferAllocator allocator = BufferAllocator.create()) {
            ConnectionServer server = listen(sequenceTable(batches, rows, new CopyOnWriteArrayList<>()));
            try (Connection client = WebTransportTransport.connect(byName(server), SocketOptions.defaults(), CLIENT_TLS);
                    ArrowStreamReader reader = new ArrowStreamReader(client, allocator)) {
                try (RecordBatch first = reader.next()) {
                    SequenceTable.assertRows(first, 0);
                }
                server.close();
                assertThatThrownBy(() -> {
                    for (RecordBatch batch; (batch = reader.next()) != null; ) {
                        batch.close();
                    }
                }).isInstanceOf(IOException.class);
            } finally {
                server.close();
            }
        }
    }

    @Test
    void theProviderServesHttpsEndpoints() throws Exception {
        assertThat(TransportProviders.find("https")).isPresent();
        try (BufferAllocator allocator = BufferAllocator.create();
                var acceptor = TransportProviders.bind(LOOPBACK, SocketOptions.defaults(), SERVER_TLS);
                ConnectionServer server = ConnectionServer.start(acceptor, sequenceTable(3, 100, new ArrayList<>()));
                Connection client = TransportProviders.connect(byName(server), SocketOptions.defaults(), CLIENT_TLS)) {
            assertThat(server.endpoint().toString()).startsWith("https://127.0.0.1:").endsWith("/stream");
            assertThat(readSequence(client, allocator)).isEqualTo(300);
        }
        assertThatThrownBy(() -> TransportProviders.bind(LOOPBACK, SocketOptions.defaults(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server TlsConfig");
    }
}
