package dev.lightstream.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one-connection acceptor that lets a server serve stdio (here over pipes, not this JVM's stdio). */
@Timeout(30)
class StdioAcceptorTest {

    @Test
    void handsOutItsConnectionOnceThenWaitsUntilClosed() throws Exception {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        StdioAcceptor acceptor = new StdioAcceptor(() -> StdioTransport.of(in.source(), out.sink(), "pipes"),
                new PipeAddress("stdio"));
        assertThat(acceptor.endpoint()).isEqualTo(new Endpoint.Stdio());
        try (Connection connection = acceptor.accept()) {
            assertThat(connection.remoteAddress()).hasToString("pipes");
            CompletableFuture<Throwable> second = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    acceptor.accept();
                    second.complete(null);
                } catch (Throwable t) {
                    second.complete(t);
                }
            });
            waiter.start();
            while (waiter.getState() != Thread.State.WAITING) { // parked in the second accept
                Thread.sleep(1);
            }
            acceptor.close();
            assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(AsynchronousCloseException.class);
            assertThat(acceptor.isOpen()).isFalse();
            assertThatThrownBy(acceptor::accept).isInstanceOf(ClosedChannelException.class);
            assertThat(connection.isOpen()).as("the connection handed out outlives the acceptor").isTrue();
        }
    }

    @Test
    void aConnectionServerServesTheOnePeerAndShutsDown() throws Exception {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        StdioAcceptor acceptor = new StdioAcceptor(() -> StdioTransport.of(in.source(), out.sink(), "pipes"),
                new PipeAddress("stdio"));
        CountDownLatch served = new CountDownLatch(1);
        try (ConnectionServer server = ConnectionServer.start(acceptor, connection -> {
            connection.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            served.countDown();
        })) {
            assertThat(served.await(10, TimeUnit.SECONDS)).isTrue();
            ByteBuffer got = ByteBuffer.allocate(3);
            while (got.hasRemaining()) {
                out.source().read(got);
            }
            assertThat(got.array()).containsExactly(1, 2, 3);
            assertThat(server.acceptedCount()).isEqualTo(1);
        }
        assertThat(acceptor.isOpen()).isFalse();
    }
}
