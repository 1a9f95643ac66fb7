package dev.lightstream.net;

import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How tables move over a connection: the transport settings, the IPC read limits and write options,
 * the bound on bytes in flight per connection, and whether a stream must end with its
 * end-of-stream marker.
 *
 * {@snippet :
 * NetOptions options = NetOptions.defaults()
 *         .withTls(TlsConfig.client().trust(certificate.trust()).build())
 *         .withInFlightBytes(16 << 20)                          // per connection
 *         .withWrite(IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD));
 * }
 *
 * @param transport sockets, servers and TLS
 * @param read limits applied to every stream received (message sizes, nesting...)
 * @param write how batches are encoded when sent (compression)
 * @param inFlightBytes the most bytes of batches a connection holds between reading them from its
 *     source and having written them (a server's read-ahead, a {@link BatchSubscriber}'s queue); a
 *     batch larger than this travels alone
 * @param requireEndOfStream whether a received stream that ends without its end-of-stream marker
 *     is an {@link java.io.EOFException} (on by default: over a network, a peer that vanishes
 *     between two messages must not pass for a complete stream)
 * @param lingerTimeout how long {@link NetTableWriter#close()} waits, after ending its output, for
 *     the peer to close its side (see there); {@link Duration#ZERO} to close at once
 */
public record NetOptions(TransportOptions transport, IpcReadOptions read, IpcWriteOptions write, long inFlightBytes,
        boolean requireEndOfStream, Duration lingerTimeout) {

    /** The default per-connection in-flight limit: 64 MiB. */
    public static final long DEFAULT_IN_FLIGHT_BYTES = 64L << 20;

    /** @throws IllegalArgumentException if {@code inFlightBytes} is not positive */
    public NetOptions {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(write, "write");
        if (inFlightBytes <= 0) {
            throw new IllegalArgumentException("inFlightBytes=" + inFlightBytes + " must be positive");
        }
        Objects.requireNonNull(lingerTimeout, "lingerTimeout");
        if (lingerTimeout.isNegative()) {
            throw new IllegalArgumentException("lingerTimeout=" + lingerTimeout + " is negative");
        }
    }

    /**
     * Default transports, IPC limits and write options; 64 MiB in flight; the end-of-stream marker
     * required; a 10-second linger.
     */
    public static NetOptions defaults() {
        return new NetOptions(TransportOptions.defaults(), IpcReadOptions.DEFAULT, IpcWriteOptions.DEFAULT,
                DEFAULT_IN_FLIGHT_BYTES, true, Duration.ofSeconds(10));
    }

    public NetOptions withTransport(TransportOptions options) {
        return new NetOptions(options, read, write, inFlightBytes, requireEndOfStream, lingerTimeout);
    }

    public NetOptions withSocket(SocketOptions options) {
        return withTransport(transport.withSocket(options));
    }

    public NetOptions withServer(ServerOptions options) {
        return withTransport(transport.withServer(options));
    }

    public NetOptions withTls(TlsConfig config) {
        return withTransport(transport.withTls(config));
    }

    public NetOptions withRead(IpcReadOptions options) {
        return new NetOptions(transport, options, write, inFlightBytes, requireEndOfStream, lingerTimeout);
    }

    public NetOptions withWrite(IpcWriteOptions options) {
        return new NetOptions(transport, read, options, inFlightBytes, requireEndOfStream, lingerTimeout);
    }

    public NetOptions withInFlightBytes(long bytes) {
        return new NetOptions(transport, read, write, bytes, requireEndOfStream, lingerTimeout);
    }

    public NetOptions withLingerTimeout(Duration timeout) {
        return new NetOptions(transport, read, write, inFlightBytes, requireEndOfStream, timeout);
    }

    public NetOptions withRequireEndOfStream(boolean require) {
        return new NetOptions(transport, read, write, inFlightBytes, require, lingerTimeout);
    }
}
