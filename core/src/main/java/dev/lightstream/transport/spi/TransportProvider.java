package dev.lightstream.transport.spi;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;
import java.util.Set;

/**
 * A transport found at run time by the scheme of an {@link Endpoint.Url}: the WebSocket, QUIC and
 * WebTransport modules each register one in {@code META-INF/services} (and {@code provides} in their
 * {@code module-info}), and {@link TransportProviders} finds it.
 *
 * {@snippet :
 * public final class WebSocketProvider implements TransportProvider {
 *     public Set<String> schemes() { return Set.of("ws", "wss"); }
 *     public Connection connect(Endpoint.Url url, SocketOptions socket, TlsConfig tls) throws IOException {
 *         return WebSocketTransport.connect(url, socket, tls);
 *     }
 *     public Acceptor bind(Endpoint.Url url, SocketOptions socket, TlsConfig tls) throws IOException {
 *         return WebSocketTransport.bind(url, socket, tls);
 *     }
 * }
 * }
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface TransportProvider {

    /** The schemes served, in lower case ({@code "ws"}, {@code "wss"}). */
    Set<String> schemes();

    /**
     * Connects to {@code endpoint}; the connection returned is ready (handshakes done).
     *
     * @param socket the connect and read timeouts and, where they apply, socket settings
     * @param tls a client configuration for schemes with TLS, or null for the system's trust
     * @throws IllegalArgumentException if {@code tls} is not a client configuration
     * @throws IOException if the connection or a handshake fails
     */
    Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException;

    /**
     * Listens on {@code endpoint} (port 0: any free port, see {@link Acceptor#endpoint()}).
     *
     * @param tls a server configuration, required by schemes with TLS and ignored by the others
     * @throws IllegalArgumentException if a scheme with TLS has no server configuration
     * @throws IOException if the address cannot be bound
     */
    Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException;
}
