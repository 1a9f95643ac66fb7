package dev.lightstream.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PendingConnectionsTest {
    /** A connection that only knows whether it was closed. */
    static final class Stub implements Connection {
        final int id;
        volatile boolean closed;

        Stub(int id) {
            this.id = id;
        }

        @Override public int read(ByteBuffer dst) { return -1; }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) { return -1; }
        @Override public long read(ByteBuffer[] dsts) { return -1; }
        @Override public long write(ByteBuffer[] srcs) { return 0; }
        @Override public int write(ByteBuffer src) { return 0; }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) { return 0; }
        @Override public SocketAddress localAddress() { return null; }
        @Override public SocketAddress remoteAddress() { return null; }
        @Override public void shutdownOutput() {}
        @Override public void setReadTimeout(Duration timeout) {}
        @Override public Duration readTimeout() { return Duration.ZERO; }
        @Override public boolean isOpen() { return !closed; }
        @Override public void close() { closed = true; }
    }

    @Test
    void handsOutWhatWasOfferedInOrderAndRefusesBeyondItsCapacity() throws IOException {
        PendingConnections<Stub> pending = new PendingConnections<>(2);
        Stub a = new Stub(1);
        Stub b = new Stub(2);
        assertThat(pending.offer(a)).isTrue();
        assertThat(pending.offer(b)).isTrue();
        assertThat(pending.offer(new Stub(3))).as("full: refused, never blocking").isFalse();
        assertThat(pending.take()).isSameAs(a);
        assertThat(pending.take()).isSameAs(b);
        assertThat(a.closed || b.closed).isFalse();
    }

    @Test
    void aTakeWaitsForAnOfferFromAnotherThread() throws Exception {
        PendingConnections<Stub> pending = new PendingConnections<>(4);
        CompletableFuture<Connection> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return pending.take();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(50); // let it wait (not a timing assertion: it is right either way)
        Stub offered = new Stub(7);
        assertThat(pending.offer(offered)).isTrue();
        assertThat(taken.get(10, TimeUnit.SECONDS)).isSameAs(offered);
    }

    @Test
    void closingRefusesLaterOffersClosesTheQueuedAndEndsTakes() throws Exception {
        PendingConnections<Stub> pending = new PendingConnections<>(4);
        Stub queued = new Stub(1);
        pending.offer(queued);
        assertThat(pending.close()).isTrue();
        assertThat(pending.close()).as("only the first close is the acceptor's").isFalse();
        assertThat(pending.isClosed()).isTrue();
        assertThat(pending.offer(new Stub(2))).isFalse();
        pending.closeQueued();
        assertThat(queued.closed).isTrue();
        assertThatThrownBy(pending::take).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void aWaitingTakeEndsWithAnAsynchronousCloseWhenTheQueueCloses() throws Exception {
        PendingConnections<Stub> pending = new PendingConnections<>(4);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Connection> taken = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return pending.take();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        started.await();
        pending.close();
        assertThatThrownBy(() -> taken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().cause().isInstanceOfAny(AsynchronousCloseException.class, ClosedChannelException.class);
    }

    @Test
    void anInterruptedTakeThrowsClosedByInterruptAndKeepsTheStatus() throws Exception {
        PendingConnections<Stub> pending = new PendingConnections<>(4);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(pending::take).isInstanceOf(ClosedByInterruptException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
