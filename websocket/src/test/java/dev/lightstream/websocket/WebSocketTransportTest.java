package dev.lightstream.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Batches;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.fixtures.SequenceTable;
import dev.lightstream.fixtures.TransportEcho;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.spi.TransportProviders;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the WebSocket transport must do besides carrying the golden cases. */
@Timeout(60)
class WebSocketTransportTest {
    private static final Endpoint.Url LOOPBACK = (Endpoint.Url) Endpoint.parse("ws://127.0.0.1:0");

    private static ConnectionServer listen(ConnectionHandler handler) throws IOException {
        return WebSocketTransport.listen(LOOPBACK, SocketOptions.defaults(), null, ServerOptions.defaults(), handler);
    }

    private static InetSocketAddress address(ConnectionServer server) {
        return (InetSocketAddress) server.localAddress();
    }

    /** The IPC stream of some random batches, as bytes. */
    private static byte[] streamBytes(BufferAllocator allocator, List<RecordBatch> batches, Schema schema)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(bytes), schema, allocator)) {
            for (RecordBatch batch : batches) {
                writer.write(batch);
            }
            writer.end();
        }
        return bytes.toByteArray();
    }

    /**
     * A peer that cuts the stream into frames at arbitrary sizes: IPC messages span frames (1 byte
     * a frame) and frames hold several messages (the whole stream in one); the server reads it whole.
     */
    @ParameterizedTest(name = "frames of {0} bytes")
    @ValueSource(ints = {1, 7, 123, 4096, 65_537, Integer.MAX_VALUE})
    void messagesSpanFramesAndFramesHoldSeveralMessages(int frameSize) throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            RandomData data = new RandomData(7);
            Schema schema = data.schema(4, 2);
            List<RecordBatch> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(data.batch(allocator, schema, 200));
            }
            byte[] stream = streamBytes(allocator, sent, schema);
            CompletableFuture<List<RecordBatch>> received = new CompletableFuture<>();
            try (ConnectionServer server = listen(connection -> {
                List<RecordBatch> batches = new ArrayList<>();
                try (ArrowStreamReader reader = new ArrowStreamReader(connection, allocator)) {
                    for (RecordBatch batch; (batch = reader.next()) != null; ) {
                        batches.add(batch);
                    }
                    received.complete(batches);
                } catch (Throwable t) {
                    received.completeExceptionally(t);
                }
            }); RawWebSocket peer = RawWebSocket.connect(address(server), "/stream")) {
                SplittableRandom random = new SplittableRandom(frameSize);
                for (int at = 0; at < stream.length; ) {
                    int n = frameSize == 1 ? 1 : Math.min(stream.length - at, 1 + random.nextInt(Math.min(frameSize,
                            Integer.MAX_VALUE - 1)));
                    peer.send(RawWebSocket.BINARY, stream, at, n);
                    at += n;
                }
                peer.send(RawWebSocket.CLOSE, new byte[] {3, (byte) 232}, 0, 2); // 1000
                List<RecordBatch> batches = received.get(30, TimeUnit.SECONDS);
                assertThat(batches).hasSameSizeAs(sent);
                for (int i = 0; i < sent.size(); i++) {
                    Batches.assertSameValues(sent.get(i), batches.get(i), "batch " + i + " in frames of " + frameSize);
                }
                batches.forEach(RecordBatch::close);
            } finally {
                sent.forEach(RecordBatch::close);
            }
        }
    }

    /**
     * A client that does not read stops the server's writer: the receive queue fills, the client
     * stops reading its socket, TCP's window closes and the server's write waits. Then everything
     * arrives, in order.
     */
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
        }); Connection client = WebSocketTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                null)) {
            // Wait until the writer has stopped moving (it must, long before 64 MiB).
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
                in.compact(); // a read may end inside a long
            }
            assertThat(in.position()).as("bytes left over").isZero();
            assertThat(read).isEqualTo(total);
        }
    }

    /**
     * A server that vanishes mid-stream without a close frame is a typed IOException for the reader:
     * EOFException when TCP ends cleanly (FIN), the socket's "Connection reset" when it is reset.
     */
    @ParameterizedTest(name = "reset={0}")
    @ValueSource(booleans = {false, true})
    void aServerThatVanishesIsATypedErrorForTheReader(boolean reset) throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create();
                ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[] stream;
            try (RecordBatch batch = SequenceTable.batch(allocator, 0, 10_000)) {
                stream = streamBytes(allocator, List.of(batch), SequenceTable.SCHEMA);
            }
            CompletableFuture<Void> serving = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (RawWebSocket peer = RawWebSocket.accept(fake)) {
                    peer.send(RawWebSocket.BINARY, stream, 0, stream.length / 2); // schema and half a batch
                    if (reset) {
                        peer.drop();
                    }
                    serving.complete(null);
                } catch (Throwable t) {
                    serving.completeExceptionally(t);
                }
            });
            Endpoint.Url url = new Endpoint.Url("ws", "127.0.0.1", fake.getLocalPort(), "/stream");
            if (reset) {
                // A reset may overtake bytes the kernel had not handed over yet (Linux drops them): the
                // failure can come at the schema, or even at the handshake, but it is the reset, typed.
                assertThatThrownBy(() -> {
                    try (Connection client = WebSocketTransport.connect(url, SocketOptions.defaults(), null);
                            ArrowStreamReader reader = new ArrowStreamReader(client, allocator)) {
                        assertThat(reader.schema()).isEqualTo(SequenceTable.SCHEMA);
                        reader.next();
                    }
                }).isInstanceOf(IOException.class)
                        .satisfies(e -> assertThat(e + " " + e.getCause()).containsIgnoringCase("reset"));
            } else {
                try (Connection client = WebSocketTransport.connect(url, SocketOptions.defaults(), null);
                        ArrowStreamReader reader = new ArrowStreamReader(client, allocator)) {
                    assertThat(reader.schema()).isEqualTo(SequenceTable.SCHEMA);
                    assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                            .hasMessageContaining("without a close frame");
                }
            }
            serving.get();
        }
    }

    /**
     * A client that vanishes mid-stream fails the server's write with an IOException; the server
     * goes on serving: the next client gets the whole table.
     */
    @Test
    void aClientThatVanishesFailsTheWriteAndOthersAreStillServed() throws Exception {
        int batches = 256;
        int rows = 16_384; // about 400 KiB a batch: 100 MiB, far more than the socket buffers hold
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> firstFailure = new CompletableFuture<>();
        try (BufferAllocator allocator = BufferAllocator.create()) {
            ConnectionHandler table = connection -> {
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
                    firstFailure.complete(e);
                }
            };
            try (ConnectionServer server = listen(table)) {
                try (RawWebSocket peer = RawWebSocket.connect(address(server), "/stream")) {
                    assertThat(peer.read()).isNotNull();
                    peer.drop();
                }
                assertThat(firstFailure.get(30, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
                try (Connection client = WebSocketTransport.connect((Endpoint.Url) server.endpoint(),
                        SocketOptions.defaults(), null);
                        ArrowStreamReader reader = new ArrowStreamReader(client, allocator)) {
                    long row = 0;
                    for (RecordBatch batch; (batch = reader.next()) != null; ) {
                        try (RecordBatch b = batch) {
                            SequenceTable.assertRows(b, row);
                            row += b.rowCount();
                        }
                    }
                    assertThat(row).isEqualTo((long) batches * rows);
                }
                assertThat(failures).hasSize(1);
            }
        }
    }

    @Test
    void thePageIsServedAtTheRootAndOtherPathsAreNotFound() throws Exception {
        try (ConnectionServer server = listen(TransportEcho.handler())) {
            String base = "http://127.0.0.1:" + address(server).getPort();
            Http page = Http.get(base + "/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(page.body()).contains("<script src=\"app.js\"></script>").contains("id=\"rows\"");
            Http script = Http.get(base + "/app.js");
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.body().length()).as("the bundle holds Apache Arrow JS").isGreaterThan(100_000);
            assertThat(script.body()).contains("serverCertificateHashes");
            assertThat(Http.get(base + "/secret").status()).isEqualTo(404);
        }
    }

    /** A GET with the JDK's HttpURLConnection (java.base: the test runs patched into this module). */
    record Http(int status, String contentType, String body) {
        static Http get(String url) throws IOException {
            java.net.HttpURLConnection http = (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
            try {
                int status = http.getResponseCode();
                java.io.InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
                String body = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new Http(status, http.getContentType(), body);
            } finally {
                http.disconnect();
            }
        }
    }

    @Test
    void aWrongPathIsRefusedAtTheHandshake() throws Exception {
        try (ConnectionServer server = listen(TransportEcho.handler())) {
            Endpoint.Url wrong = ((Endpoint.Url) server.endpoint()).withPath("/elsewhere");
            assertThatThrownBy(() -> WebSocketTransport.connect(wrong, SocketOptions.defaults(), null))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("handshake");
        }
    }

    @Test
    void textFramesAreRefused() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (ConnectionServer server = listen(connection -> {
            try {
                connection.read(ByteBuffer.allocate(16));
                failure.complete(null);
            } catch (IOException e) {
                failure.complete(e);
            }
        }); RawWebSocket peer = RawWebSocket.connect(address(server), "/stream")) {
            peer.send(RawWebSocket.TEXT, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 5);
            assertThat(failure.get(30, TimeUnit.SECONDS)).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("binary frames only");
            RawWebSocket.Frame close = peer.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff)).isEqualTo(1003);
        }
    }

    /** The Lightstream protocol (messages and tables interleaved, both ways) over a WebSocket. */
    @Test
    void theProtocolRunsOverAWebSocket() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create();
                ConnectionServer server = listen(dev.lightstream.fixtures.ProtocolEcho.server());
                Connection client = WebSocketTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
                        null)) {
            dev.lightstream.fixtures.ProtocolEcho.exchange(client, allocator);
        }
    }

    @Test
    void theProviderServesWsAndWss() throws Exception {
        assertThat(TransportProviders.find("ws")).isPresent();
        assertThat(TransportProviders.find("wss")).isPresent();
        try (BufferAllocator allocator = BufferAllocator.create();
                var acceptor = TransportProviders.bind(LOOPBACK, SocketOptions.defaults(), null);
                ConnectionServer server = ConnectionServer.start(acceptor, TransportEcho.handler());
                Connection client = TransportProviders.connect((Endpoint.Url) server.endpoint(),
                        SocketOptions.defaults(), null);
                RecordBatch batch = SequenceTable.batch(allocator, 0, 100);
                var sent = new dev.lightstream.fixtures.Golden.Content(SequenceTable.SCHEMA, new ArrayList<>(List.of(
                        batch.slice(0, 100))));
                var echoed = TransportEcho.roundTrip(client, sent, allocator)) {
            assertThat(server.endpoint().toString()).startsWith("ws://127.0.0.1:").endsWith("/stream");
            assertThat(echoed.batches()).hasSize(1);
            SequenceTable.assertRows(echoed.batches().get(0), 0);
        }
    }
}
