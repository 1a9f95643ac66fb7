package dev.lightstream.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * A listening transport endpoint that hands out incoming connections: the part of a server that
 * differs between TCP, TLS and Unix domain sockets. A {@link ConnectionServer} runs the accept loop.
 *
 * {@snippet :
 * try (Acceptor acceptor = TcpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
 *     Endpoint where = acceptor.endpoint();      // tcp://127.0.0.1:41234, the real port
 *     try (Connection connection = acceptor.accept()) { ... }
 * }
 * }
 */
public interface Acceptor extends Closeable {

    /**
     * Waits for the next connection.
     *
     * @throws java.nio.channels.AsynchronousCloseException if the acceptor is closed meanwhile
     * @throws java.nio.channels.ClosedChannelException if it is closed
     */
    Connection accept() throws IOException;

    /** The address listened on, with the real port when port 0 was asked for. */
    SocketAddress localAddress();

    /** The endpoint clients connect to, with the real port. */
    Endpoint endpoint();

    /** False once closed. */
    boolean isOpen();

    /** Stops listening; an {@link #accept()} in progress throws. Idempotent. */
    @Override
    void close() throws IOException;
}
