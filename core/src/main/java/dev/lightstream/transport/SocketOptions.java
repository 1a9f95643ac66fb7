package dev.lightstream.transport;

import dev.lightstream.transport.internal.Timeouts;
import java.time.Duration;

/**
 * Socket settings shared by the TCP, TLS and Unix domain transports. Options a transport has no use
 * for are ignored there (TCP_NODELAY on a Unix socket, say).
 *
 * {@snippet :
 * SocketOptions options = SocketOptions.defaults()
 *         .withReadTimeout(Duration.ofSeconds(30))
 *         .withReceiveBufferSize(1 << 20);
 * Connection connection = TcpTransport.connect(address, options);
 * }
 *
 * @param tcpNoDelay disable Nagle's algorithm (TCP): frames go out at once instead of waiting to
 *     be coalesced; on by default, as a framed protocol writes whole messages
 * @param sendBufferSize SO_SNDBUF in bytes, 0 for the system default
 * @param receiveBufferSize SO_RCVBUF in bytes, 0 for the system default
 * @param keepAlive SO_KEEPALIVE (TCP)
 * @param connectTimeout how long a client waits to connect, {@link Duration#ZERO} for the system's limit
 * @param readTimeout the {@linkplain Connection#setReadTimeout read timeout} of every connection,
 *     {@link Duration#ZERO} for none
 * @param backlog the listen backlog of servers, 0 for the system default
 */
public record SocketOptions(boolean tcpNoDelay, int sendBufferSize, int receiveBufferSize, boolean keepAlive,
        Duration connectTimeout, Duration readTimeout, int backlog) {

    /** @throws IllegalArgumentException if a size or timeout is negative */
    public SocketOptions {
        if (sendBufferSize < 0 || receiveBufferSize < 0 || backlog < 0) {
            throw new IllegalArgumentException("sendBufferSize=" + sendBufferSize + " receiveBufferSize="
                    + receiveBufferSize + " backlog=" + backlog + ": none may be negative");
        }
        Timeouts.toNanos(connectTimeout, "connectTimeout");
        Timeouts.toNanos(readTimeout, "readTimeout");
    }

    /** TCP_NODELAY on, system buffer sizes and backlog, a 30-second connect timeout, no read timeout. */
    public static SocketOptions defaults() {
        return new SocketOptions(true, 0, 0, false, Duration.ofSeconds(30), Duration.ZERO, 0);
    }

    public SocketOptions withTcpNoDelay(boolean on) {
        return new SocketOptions(on, sendBufferSize, receiveBufferSize, keepAlive, connectTimeout, readTimeout,
                backlog);
    }

    public SocketOptions withSendBufferSize(int bytes) {
        return new SocketOptions(tcpNoDelay, bytes, receiveBufferSize, keepAlive, connectTimeout, readTimeout,
                backlog);
    }

    public SocketOptions withReceiveBufferSize(int bytes) {
        return new SocketOptions(tcpNoDelay, sendBufferSize, bytes, keepAlive, connectTimeout, readTimeout,
                backlog);
    }

    public SocketOptions withKeepAlive(boolean on) {
        return new SocketOptions(tcpNoDelay, sendBufferSize, receiveBufferSize, on, connectTimeout, readTimeout,
                backlog);
    }

    public SocketOptions withConnectTimeout(Duration timeout) {
        return new SocketOptions(tcpNoDelay, sendBufferSize, receiveBufferSize, keepAlive, timeout, readTimeout,
                backlog);
    }

    public SocketOptions withReadTimeout(Duration timeout) {
        return new SocketOptions(tcpNoDelay, sendBufferSize, receiveBufferSize, keepAlive, connectTimeout, timeout,
                backlog);
    }

    public SocketOptions withBacklog(int backlog) {
        return new SocketOptions(tcpNoDelay, sendBufferSize, receiveBufferSize, keepAlive, connectTimeout,
                readTimeout, backlog);
    }
}
