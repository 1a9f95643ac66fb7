package dev.lightstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.codec.FramedReader;
import dev.lightstream.codec.FramedWriter;
import dev.lightstream.codec.tlv.TlvDecoder;
import dev.lightstream.codec.tlv.TlvEncoder;
import dev.lightstream.codec.tlv.TlvFrame;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every socket transport must do, run over each of them. */
@Timeout(60)
class TransportContractTest {
    private static final long MiB = 1 << 20;

    static List<?> transports() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void moves64MiBEachWayAtOnce(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        CompletableFuture<Duplex.Result> serverSide = new CompletableFuture<>();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer server = fixture.listen(SocketOptions.defaults(), ServerOptions.defaults(),
                        connection -> serverSide.complete(Duplex.run(connection, allocator, 2, 64 * MiB, true)));
                Connection client = fixture.connect(server, SocketOptions.defaults())) {
            Duplex.Result clientSide = Duplex.run(client, allocator, 1, 64 * MiB, true);
            Duplex.Result served = serverSide.get();
            assertThat(clientSide.sent().bytes()).isGreaterThanOrEqualTo(64 * MiB);
            assertThat(served.sent().bytes()).isGreaterThanOrEqualTo(64 * MiB);
            assertThat(served.received()).isEqualTo(clientSide.sent());
            assertThat(clientSide.received()).isEqualTo(served.sent());
            assertThat(clientSide.sent()).isNotEqualTo(served.sent()); // two seeds, two streams
        } finally {
            fixture.cleanUp();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void requestsAreAnsweredWhileTheConnectionStaysOpen(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        // Ping-pong: each side waits for the other's frame, so a read that waits for more bytes than
        // the peer has sent (instead of returning what arrived) hangs here.
        ConnectionHandler echo = connection -> {
            try (FramedReader<TlvFrame> reader = new FramedReader<>(connection,
                    new TlvDecoder(BufferAllocator.create(), 1 << 20))) {
                FramedWriter<TlvFrame> writer = new FramedWriter<>(connection, new TlvEncoder());
                for (TlvFrame next = reader.read(); next != null; next = reader.read()) {
                    try (TlvFrame frame = next) {
                        writer.write(TlvFrame.of(frame.type() ^ 1, frame.value()));
                    }
                }
            }
        };
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        byte[] payload = new byte[1 << 20];
        random.nextBytes(payload);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer server = fixture.listen(SocketOptions.defaults(), ServerOptions.defaults(), echo);
                Connection client = fixture.connect(server, SocketOptions.defaults());
                FramedReader<TlvFrame> reader = new FramedReader<>(client, new TlvDecoder(allocator, 1 << 20))) {
            FramedWriter<TlvFrame> writer = new FramedWriter<>(client, new TlvEncoder());
            for (int i = 0; i < 200; i++) {
                int size = i % 50 == 49 ? random.nextInt(1 << 20) : random.nextInt(300);
                int offset = random.nextInt(payload.length - size + 1);
                MemorySegment value = MemorySegment.ofArray(payload).asSlice(offset, size);
                writer.write(TlvFrame.of(i % 256, value));
                try (TlvFrame answer = reader.read()) {
                    assertThat(answer.type()).as("round %d", i).isEqualTo((i % 256) ^ 1);
                    assertThat(answer.value().mismatch(value)).as("round %d", i).isEqualTo(-1);
                }
            }
            client.shutdownOutput();
            assertThat(reader.read()).isNull();
        } finally {
            fixture.cleanUp();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClientDyingMidFrameFailsOnlyItsOwnConnection(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch failed = new CountDownLatch(1);
        ServerOptions options = ServerOptions.defaults().withErrorListener((remote, error) -> {
            failures.add(error);
            failed.countDown();
        });
        // The server digests what each client sends and answers with the digest.
        ConnectionHandler digestEcho = connection -> {
            try (FramedReader<TlvFrame> reader = new FramedReader<>(connection,
                    new TlvDecoder(BufferAllocator.create(), FrameTraffic.MAX_VALUE))) {
                FrameTraffic.Digest digest = FrameTraffic.receive(reader);
                ByteBuffer answer = ByteBuffer.allocate(24).putLong(digest.frames()).putLong(digest.bytes())
                        .putLong(digest.crc()).flip();
                new FramedWriter<>(connection, new TlvEncoder()).write(TlvFrame.of(1, MemorySegment.ofBuffer(answer)));
            }
        };
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer server = fixture.listen(SocketOptions.defaults(), options, digestEcho)) {
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(fixture.connect(server, SocketOptions.defaults()));
            }
            // Client 2 sends a header promising 1000 bytes, 10 of them, and dies.
            Connection dying = clients.get(2);
            dying.write(ByteBuffer.wrap(new byte[] {7, (byte) 0xE8, 3, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
            dying.close();
            assertThat(failed.await(30, TimeUnit.SECONDS)).as("the server saw the client die").isTrue();
            Throwable failure = failures.peek();
            if (fixture.abruptCloseIsEof()) {
                assertThat(failure).isInstanceOf(EOFException.class)
                        .hasMessageContaining("TLV frame 0 (type=7)")
                        .hasMessageContaining("after 10 of 1000 value bytes");
            } else {
                assertThat(failure).isInstanceOf(IOException.class);
            }
            // The other clients, connected before and after, are served in full.
            clients.add(fixture.connect(server, SocketOptions.defaults()));
            for (int i = 0; i < clients.size(); i++) {
                if (i == 2) {
                    continue;
                }
                try (Connection client = clients.get(i)) {
                    FrameTraffic.Digest sent = FrameTraffic.send(new FramedWriter<>(client, new TlvEncoder()), 100 + i,
                            MiB, false);
                    client.shutdownOutput();
                    try (FramedReader<TlvFrame> reader =
                                    new FramedReader<>(client, new TlvDecoder(allocator, 64));
                            TlvFrame answer = reader.read()) {
                        ByteBuffer b = answer.valueBuffer();
                        assertThat(new FrameTraffic.Digest(b.getLong(), b.getLong(), b.getLong())).isEqualTo(sent);
                    }
                }
            }
            assertThat(failures).hasSize(1);
        } finally {
            fixture.cleanUp();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aServerDyingMidFrameGivesTheClientEof(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        ConnectionHandler cutShort = connection -> {
            connection.write(ByteBuffer.wrap(new byte[] {9, 100, 0, 0, 0, 1, 2, 3}));
            // returning closes the connection, three bytes into a 100-byte value
        };
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer server = fixture.listen(SocketOptions.defaults(), ServerOptions.defaults(), cutShort);
                Connection client = fixture.connect(server, SocketOptions.defaults());
                FramedReader<TlvFrame> reader = new FramedReader<>(client, new TlvDecoder(allocator, 1000))) {
            if (fixture.abruptCloseIsEof()) {
                assertThatThrownBy(reader::read).isInstanceOf(EOFException.class)
                        .hasMessageContaining("after 3 of 100 value bytes");
            } else {
                assertThatThrownBy(reader::read).isInstanceOf(IOException.class);
            }
        } finally {
            fixture.cleanUp();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aClientThatStopsReadingBlocksTheServersWriter(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        // Far more than the socket buffers (set small) can hold.
        int size = 32 << 20;
        MemorySegment value = Arena.ofAuto().allocate(size);
        for (long i = 0; i < size; i += 4096) {
            value.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i >>> 12));
        }
        CRC32C expected = new CRC32C();
        expected.update(value.asByteBuffer());
        CountDownLatch written = new CountDownLatch(1);
        SocketOptions small = SocketOptions.defaults().withSendBufferSize(64 << 10).withReceiveBufferSize(64 << 10);
        ConnectionHandler bigWriter = connection -> {
            new FramedWriter<>(connection, new TlvEncoder()).write(TlvFrame.of(3, value));
            written.countDown();
        };
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer server = fixture.listen(small, ServerOptions.defaults(), bigWriter);
                Connection client = fixture.connect(server, small)) {
            // The client sleeps: the server's write must not complete.
            assertThat(written.await(500, TimeUnit.MILLISECONDS)).as("write completed with nobody reading").isFalse();
            try (FramedReader<TlvFrame> reader = new FramedReader<>(client, new TlvDecoder(allocator, size));
                    TlvFrame frame = reader.read()) {
                CRC32C actual = new CRC32C();
                actual.update(frame.valueBuffer());
                assertThat(actual.getValue()).isEqualTo(expected.getValue());
            }
            written.await(); // and now it completes
        } finally {
            fixture.cleanUp();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aStalledPeerTimesTheReaderOutAndTheReadResumes(Supplier<TransportFixture> kind) throws Exception {
        TransportFixture fixture = kind.get();
        CountDownLatch resume = new CountDownLatch(1);
        ConnectionHandler staller = connection -> {
            connection.write(ByteBuffer.wrap(new byte[] {4, 6, 0, 0, 0, 1, 2, 3}));
            resume.await();
            connection.write(ByteBuffer.wrap(new byte[] {4, 5, 6}));
            connection.shutdownOutput();
            connection.read(ByteBuffer.allocate(1)); // until the client closes
        };
        SocketOptions timed = SocketOptions.defaults().withReadTimeout(Duration.ofMillis(200));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer server = fixture.listen(SocketOptions.defaults(), ServerOptions.defaults(), staller);
                Connection client = fixture.connect(server, timed);
                FramedReader<TlvFrame> reader = new FramedReader<>(client, new TlvDecoder(allocator, 100))) {
            assertThat(client.readTimeout()).isEqualTo(Duration.ofMillis(200));
            assertThatThrownBy(reader::read).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("timed out after 200 ms");
            resume.countDown();
            try (TlvFrame frame = reader.read()) {
                assertThat(frame.type()).isEqualTo(4);
                assertThat(frame.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6);
            }
            assertThat(reader.read()).isNull();
        } finally {
            fixture.cleanUp();
        }
    }
}
