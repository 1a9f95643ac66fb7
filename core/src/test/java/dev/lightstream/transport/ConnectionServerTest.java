package dev.lightstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectionServerTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void bindsPortZeroAndReportsTheRealAddress() throws Exception {
        try (ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, connection -> {
            connection.write(ByteBuffer.wrap(new byte[] {42}));
        })) {
            InetSocketAddress bound = (InetSocketAddress) server.localAddress();
            assertThat(bound.getPort()).isPositive();
            assertThat(server.endpoint()).isEqualTo(new Endpoint.Tcp("127.0.0.1", bound.getPort()));
            Endpoint.Tcp endpoint = (Endpoint.Tcp) Endpoint.parse(server.endpoint().toString());
            try (Connection client = TcpTransport.connect(endpoint.socketAddress())) {
                ByteBuffer got = ByteBuffer.allocate(2);
                assertThat(client.read(got)).isEqualTo(1);
                assertThat(got.get(0)).isEqualTo((byte) 42);
                assertThat(client.read(got)).as("the server closes after the handler").isEqualTo(-1);
                assertThat(client.remoteAddress()).isEqualTo(bound);
            }
        }
    }

    @Test
    void shutdownLetsHandlersFinishWithinTheGrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, connection -> {
            started.countDown();
            release.await();
            connection.write(ByteBuffer.wrap(new byte[] {1}));
            finished.incrementAndGet();
        });
        try (Connection client = TcpTransport.connect((InetSocketAddress) server.localAddress())) {
            started.await();
            CompletableFuture<Boolean> drained = Async.supply(() -> {
                try {
                    return server.shutdown(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            });
            while (!server.isShuttingDown()) {
                Thread.onSpinWait();
            }
            // No new connections once shutting down.
            awaitRefused((InetSocketAddress) server.localAddress());
            release.countDown();
            assertThat(drained.get()).as("drained within the grace").isTrue();
            assertThat(finished.get()).isEqualTo(1);
            ByteBuffer got = ByteBuffer.allocate(1);
            assertThat(client.read(got)).isEqualTo(1);
            assertThat(server.connectionCount()).isZero();
        }
    }

    private static void awaitRefused(InetSocketAddress address) {
        // The listener closes right after the flag is set: retry until a connect is refused.
        for (;;) {
            try (Connection ignored = TcpTransport.connect(address)) {
                Thread.onSpinWait();
            } catch (ConnectException refused) {
                return;
            } catch (IOException resetInTheBacklog) {
                // Accepted by the kernel just before the listener closed: try again.
            }
        }
    }

    @Test
    void shutdownClosesConnectionsWhoseHandlersDoNotFinish() throws Exception {
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch reading = new CountDownLatch(2);
        ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, SocketOptions.defaults(),
                ServerOptions.defaults().withErrorListener((remote, error) -> errors.add(error)), connection -> {
                    reading.countDown();
                    connection.read(ByteBuffer.allocate(1)); // the clients never send
                });
        try (Connection a = TcpTransport.connect((InetSocketAddress) server.localAddress());
                Connection b = TcpTransport.connect((InetSocketAddress) server.localAddress())) {
            reading.await();
            assertThat(server.connectionCount()).isEqualTo(2);
            assertThat(server.shutdown(Duration.ofMillis(50))).as("not drained: the handlers were stuck").isFalse();
            assertThat(server.connectionCount()).as("threads joined").isZero();
            assertThat(errors).hasSize(2).allMatch(e -> e instanceof AsynchronousCloseException);
            assertThat(a.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            assertThat(b.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @Test
    void maxConnectionsHoldsBackTheNextClient() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger();
        try (ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, SocketOptions.defaults(),
                ServerOptions.defaults().withMaxConnections(1), connection -> {
                    served.incrementAndGet();
                    release.await();
                    connection.write(ByteBuffer.wrap(new byte[] {7}));
                })) {
            Connection first = TcpTransport.connect((InetSocketAddress) server.localAddress());
            Connection second = TcpTransport.connect((InetSocketAddress) server.localAddress()); // in the backlog
            while (served.get() < 1) {
                Thread.onSpinWait();
            }
            assertThat(server.acceptedCount()).isEqualTo(1);
            release.countDown();
            assertThat(first.read(ByteBuffer.allocate(1))).isEqualTo(1);
            assertThat(second.read(ByteBuffer.allocate(1))).as("served once the first ended").isEqualTo(1);
            assertThat(server.acceptedCount()).isEqualTo(2);
            first.close();
            second.close();
        }
    }

    @Test
    void handlerExceptionsGoToTheListener() throws Exception {
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        try (ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, SocketOptions.defaults(),
                ServerOptions.defaults().withErrorListener((remote, error) -> reported.complete(error)),
                connection -> {
                    throw new IllegalStateException("handler bug");
                });
                Connection client = TcpTransport.connect((InetSocketAddress) server.localAddress())) {
            assertThat(reported.get()).hasMessage("handler bug");
            assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
    }

    @Test
    void closedConnectionsRefuseUse() throws Exception {
        try (ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, connection -> connection.read(
                ByteBuffer.allocate(1)))) {
            Connection client = TcpTransport.connect((InetSocketAddress) server.localAddress());
            client.close();
            client.close();
            assertThat(client.isOpen()).isFalse();
            assertThatThrownBy(() -> client.write(ByteBuffer.allocate(1))).isInstanceOf(
                    java.nio.channels.ClosedChannelException.class);
            assertThatThrownBy(() -> client.read(ByteBuffer.allocate(1))).isInstanceOf(
                    java.nio.channels.ClosedChannelException.class);
        }
    }

    @Test
    void closingUnblocksAReaderInEitherMode() throws Exception {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofSeconds(30)}) {
            try (ConnectionServer server = TcpTransport.listen(ANY_LOOPBACK, connection -> connection.read(
                    ByteBuffer.allocate(1)))) {
                Connection client = TcpTransport.connect((InetSocketAddress) server.localAddress(),
                        SocketOptions.defaults().withReadTimeout(timeout));
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        client.read(ByteBuffer.allocate(1));
                        outcome.complete(null);
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                });
                while (reader.getState() != Thread.State.WAITING && reader.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                client.close();
                assertThat(outcome.get()).as("timeout=%s", timeout).isInstanceOf(AsynchronousCloseException.class);
            }
        }
    }

    @Test
    void connectTimesOutWhileTheBacklogIsFull(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SocketOptions quick = SocketOptions.defaults().withBacklog(1).withConnectTimeout(Duration.ofMillis(200));
        // Nobody accepts: once the kernel's queue is full, connects wait (TCP drops the SYN, a Unix
        // socket connect blocks) until the connect timeout.
        try (Acceptor tcp = TcpTransport.bind(ANY_LOOPBACK, quick)) {
            assertThat(connectUntilTimeout(() -> TcpTransport.connect((InetSocketAddress) tcp.localAddress(), quick)))
                    .hasMessageContaining("timed out");
        }
        java.nio.file.Path socket = dir.resolve("full.sock");
        try (Acceptor unix = dev.lightstream.transport.unix.UnixTransport.bind(socket, quick)) {
            assertThat(connectUntilTimeout(() -> dev.lightstream.transport.unix.UnixTransport.connect(socket, quick)))
                    .hasMessage("connect to " + socket + " timed out after 200 ms");
        }
    }

    private interface Connect {
        Connection open() throws IOException;
    }

    private static java.net.SocketTimeoutException connectUntilTimeout(Connect connect) throws IOException {
        java.util.List<Connection> queued = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                try {
                    queued.add(connect.open());
                } catch (java.net.SocketTimeoutException timedOut) {
                    return timedOut;
                }
            }
            throw new AssertionError("64 connects went through with nobody accepting");
        } finally {
            for (Connection connection : queued) {
                connection.close();
            }
        }
    }

    @Test
    void connectingToNothingIsRefused() throws Exception {
        InetSocketAddress free;
        try (Acceptor acceptor = TcpTransport.bind(ANY_LOOPBACK)) {
            free = (InetSocketAddress) acceptor.localAddress();
        }
        assertThatThrownBy(() -> TcpTransport.connect(free)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> TcpTransport.connect(InetSocketAddress.createUnresolved("no-such-host.invalid", 1)))
                .isInstanceOf(java.net.UnknownHostException.class);
    }
}
