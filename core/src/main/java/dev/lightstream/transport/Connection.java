package dev.lightstream.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.time.Duration;

/**
 * A byte pipe to a peer, whatever carries it (TCP, TLS, a Unix domain socket, stdin/stdout): a
 * {@link ScatteringByteChannel} to read from and a {@link GatheringByteChannel} to write to, so
 * that any framing ({@link dev.lightstream.codec.FramedReader}, an Arrow IPC reader or writer) runs
 * over any transport unchanged.
 *
 * {@snippet :
 * try (Connection connection = TcpTransport.connect(new InetSocketAddress("localhost", 9000))) {
 *     connection.setReadTimeout(Duration.ofSeconds(30));
 *     FramedWriter<TlvFrame> out = new FramedWriter<>(connection, new TlvEncoder());
 *     FramedReader<TlvFrame> in = new FramedReader<>(connection, new TlvDecoder(allocator, 1 << 20));
 *     out.write(TlvFrame.of(1, request));
 *     connection.shutdownOutput();             // the peer reads a clean end of input
 *     try (TlvFrame reply = in.read()) { ... }
 * }
 * }
 *
 * <p><b>Blocking.</b> Reads block until at least one byte is there and return -1 at the end of
 * input. Writes block until every byte has been handed to the transport, so a slow reader on the
 * other side slows the writer down (backpressure). There is no non-blocking mode.
 *
 * <p><b>Threads.</b> One thread may read while another writes; concurrent reads (or concurrent
 * writes) are serialized, and each write call is atomic with respect to other writes.
 *
 * <p><b>Errors.</b> A read that waits longer than the {@linkplain #setReadTimeout read timeout}
 * throws {@link java.net.SocketTimeoutException}; on sockets the connection stays usable and a
 * later read resumes (each transport documents any exception). A thread blocked in a read or
 * write when the connection is closed gets
 * {@link java.nio.channels.AsynchronousCloseException}; an interrupted one gets
 * {@link java.nio.channels.ClosedByInterruptException} and the connection is closed.
 */
public interface Connection extends ByteChannel, ScatteringByteChannel, GatheringByteChannel {

    /** Reads at least one byte unless {@code dst} is full; -1 at the end of input. */
    @Override
    int read(ByteBuffer dst) throws IOException;

    /** Writes every remaining byte of {@code src}. */
    @Override
    int write(ByteBuffer src) throws IOException;

    /** Writes every remaining byte of the given buffers, in order. */
    @Override
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** This side's address: an {@link java.net.InetSocketAddress}, a {@link java.net.UnixDomainSocketAddress}... */
    SocketAddress localAddress();

    /** The peer's address. */
    SocketAddress remoteAddress();

    /**
     * Ends the output: the peer reads the end of input once it has read everything sent before.
     * Reading goes on. Waits for a write in progress to finish first.
     *
     * @throws java.nio.channels.ClosedChannelException if the connection is closed
     */
    void shutdownOutput() throws IOException;

    /**
     * Makes reads that wait longer than {@code timeout} throw {@link java.net.SocketTimeoutException};
     * {@link Duration#ZERO} waits forever (the default unless the transport's options say otherwise).
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IOException if the transport cannot apply it
     */
    void setReadTimeout(Duration timeout) throws IOException;

    /** The current read timeout; {@link Duration#ZERO} for none. */
    Duration readTimeout();

    /**
     * Closes both directions and frees the transport's resources; threads blocked in a read or write
     * get {@link java.nio.channels.AsynchronousCloseException}. Idempotent.
     */
    @Override
    void close() throws IOException;
}
