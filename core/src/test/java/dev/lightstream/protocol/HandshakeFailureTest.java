package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A handshake that fails in reading the peer's hello still writes our own hello before it closes
 * the transport, so that the peer learns what this side is (and reports its own mismatch or version
 * error rather than a bare end of input).
 *
 * <p>Our hello goes out on a thread of its own. To make the order observable, the connection under
 * test holds every write until either the transport is closed (the bug: the write then fails and
 * the peer hears nothing) or the reading thread waits outside a read (for the write: the fix). Either way the outcome is decided by the order of events, not by timing.
 */
@Timeout(30)
class HandshakeFailureTest {
    private static final Schema INTS = Schema.of(Field.nullable("x", DataType.INT32));

    private LeakCheckingAllocator allocator;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.leakChecking();
    }

    @AfterEach
    void close() {
        allocator.close(); // fails on leaks
    }

    /** What the fake peer does to make our read of its hello fail, and what that read throws. */
    static Stream<Arguments> failedReads() {
        Consumer<FakePeer> closes = peer -> run(peer::shutdownOutput);
        Consumer<FakePeer> speaksArrow = peer -> run(() -> {
            peer.write(new byte[] {-1, -1, -1, -1, 0x10, 0, 0, 0});
            peer.shutdownOutput();
        });
        Consumer<FakePeer> speaksVersion2 = peer -> run(() -> {
            byte[] hello = FakePeer.hello(1000, FakePeer.message("event", 0));
            hello[4] = 2;
            peer.write(hello);
        });
        Consumer<FakePeer> breaksOff = peer -> run(() -> {
            peer.write(new byte[] {'L', 'S', 'T', 'P', 1, 0, 0});
            peer.shutdownOutput();
        });
        return Stream.of(
                Arguments.of(Named.of("the peer closes before its hello", closes), EOFException.class),
                Arguments.of(Named.of("the peer speaks something else", speaksArrow), ProtocolException.class),
                Arguments.of(Named.of("the peer speaks another version", speaksVersion2), ProtocolVersionException.class),
                Arguments.of(Named.of("the peer's hello breaks off", breaksOff), EOFException.class));
    }

    @ParameterizedTest
    @MethodSource("failedReads")
    void ourHelloIsWrittenBeforeTheTransportCloses(Consumer<FakePeer> fail, Class<? extends Exception> thrown)
            throws Exception {
        try (FakePeer peer = new FakePeer()) {
            HeldWrites held = new HeldWrites(peer.realSide(), HeldWrites.Release.WHEN_READER_WAITS);
            try (LightstreamConnection real = new LightstreamConnection(held, allocator,
                    ProtocolOptions.DEFAULT.withMaxFrameBytes(4096))) {
                real.registerMessage("event");
                real.registerTable("metrics", INTS);
                fail.accept(peer);
                assertThatThrownBy(real::handshake).isInstanceOf(thrown).satisfies(e ->
                        assertThat(e.getSuppressed()).as("nothing went wrong in writing our hello").isEmpty());
                assertThat(held.isOpen()).as("a failed handshake closes the transport").isFalse();
                byte[] ours = Hello.encode(List.of(
                        new Registration("event", ChannelKind.MESSAGE, 0, null),
                        new Registration("metrics", ChannelKind.TABLE, 1, INTS)), 4096);
                assertThat(peer.heardUntilClosed()).as("what the peer read before the end").isEqualTo(ours);
            }
        }
    }

    @Test
    void aPeerThatDoesNotReadHoldsTheFailureOnlyForTheReadTimeout() throws Exception {
        try (FakePeer peer = new FakePeer()) {
            HeldWrites held = new HeldWrites(peer.realSide(), HeldWrites.Release.WHEN_CLOSED);
            held.readTimeout = Duration.ofMillis(50);
            try (LightstreamConnection real = new LightstreamConnection(held, allocator)) {
                real.registerMessage("event");
                peer.shutdownOutput();
                assertThatThrownBy(real::handshake).isInstanceOf(EOFException.class).satisfies(e -> {
                    assertThat(e.getSuppressed()).hasSize(1);
                    assertThat(e.getSuppressed()[0]).isInstanceOf(SocketTimeoutException.class)
                            .hasMessage("our handshake was not written within the read timeout of 50 ms: the peer does not read");
                });
                assertThat(held.isOpen()).isFalse();
                assertThat(peer.heardUntilClosed()).isEmpty();
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A connection whose writes wait until the {@link Release} condition holds; a write released by
     * the close fails as a write racing a close does. The reading thread waits outside a read only
     * once reading has failed and the handshake waits for its hello to be written.
     */
    private static final class HeldWrites implements Connection {
        enum Release {
            /** Once the thread whose read failed waits (for the write, if the handshake is right). */
            WHEN_READER_WAITS,
            /** Only once the connection is closed: a peer that never reads. */
            WHEN_CLOSED
        }

        private static final long MAX_HOLD_NANOS = Duration.ofSeconds(20).toNanos();

        private final Connection delegate;
        private final Release release;
        /** The thread that reads, and whether it is inside a read (where it may wait for bytes). */
        private volatile Thread reader;
        private volatile boolean reading;
        private volatile boolean closed;
        volatile Duration readTimeout = Duration.ZERO;

        HeldWrites(Connection delegate, Release release) {
            this.delegate = delegate;
            this.release = release;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            reader = Thread.currentThread();
            reading = true;
            try {
                return delegate.read(dst);
            } finally {
                reading = false;
            }
        }

        private void hold() throws IOException {
            long start = System.nanoTime();
            while (!closed && !readerWaits()) {
                if (System.nanoTime() - start > MAX_HOLD_NANOS) {
                    throw new IOException("the test's write was held too long: the handshake neither waited nor closed");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            if (closed) {
                throw new AsynchronousCloseException();
            }
        }

        private boolean readerWaits() {
            Thread thread = reader;
            if (release != Release.WHEN_READER_WAITS || thread == null || reading) {
                return false;
            }
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            hold();
            return delegate.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            hold();
            return delegate.write(srcs, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException("not used by the connection");
        }

        @Override
        public long read(ByteBuffer[] dsts) {
            return read(dsts, 0, dsts.length);
        }

        @Override
        public SocketAddress localAddress() {
            return delegate.localAddress();
        }

        @Override
        public SocketAddress remoteAddress() {
            return delegate.remoteAddress();
        }

        @Override
        public void shutdownOutput() throws IOException {
            delegate.shutdownOutput();
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            readTimeout = timeout;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            delegate.close();
        }
    }
}
