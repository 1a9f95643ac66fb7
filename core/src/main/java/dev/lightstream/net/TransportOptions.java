package dev.lightstream.net;

import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link Transports} needs to open any {@link dev.lightstream.transport.Endpoint}: socket
 * settings, server settings, and the TLS configuration used by {@code tls://} endpoints (a client
 * configuration to connect, a server configuration to listen).
 *
 * {@snippet :
 * TransportOptions options = TransportOptions.defaults()
 *         .withSocket(SocketOptions.defaults().withReadTimeout(Duration.ofSeconds(30)))
 *         .withTls(TlsConfig.client().trust(TlsTrust.fromPem(Path.of("ca.pem"))).build());
 * Connection connection = Transports.connect(Endpoint.parse("tls://data.example:9443"), options);
 * }
 *
 * @param socket socket settings for TCP, TLS and Unix sockets (ignored by stdio)
 * @param server how servers run: connection limit, shutdown grace, error listener
 * @param tls the TLS configuration for {@code tls://} endpoints, or null when none is used
 */
public record TransportOptions(SocketOptions socket, ServerOptions server, TlsConfig tls) {

    public TransportOptions {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(server, "server");
    }

    /** Default socket and server settings, no TLS configuration. */
    public static TransportOptions defaults() {
        return new TransportOptions(SocketOptions.defaults(), ServerOptions.defaults(), null);
    }

    /** The TLS configuration, if any. */
    public Optional<TlsConfig> tlsConfig() {
        return Optional.ofNullable(tls);
    }

    public TransportOptions withSocket(SocketOptions options) {
        return new TransportOptions(options, server, tls);
    }

    public TransportOptions withServer(ServerOptions options) {
        return new TransportOptions(socket, options, tls);
    }

    /** With {@code config} for {@code tls://} endpoints: a client configuration to connect, a server one to listen. */
    public TransportOptions withTls(TlsConfig config) {
        return new TransportOptions(socket, server, Objects.requireNonNull(config, "config"));
    }
}
