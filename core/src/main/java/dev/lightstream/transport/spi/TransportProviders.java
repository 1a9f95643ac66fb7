package dev.lightstream.transport.spi;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the {@link TransportProvider} of a scheme on the class path (or module path) and opens
 * {@link Endpoint.Url}s with it.
 *
 * {@snippet :
 * Endpoint.Url url = (Endpoint.Url) Endpoint.parse("ws://localhost:8080/stream");
 * try (Connection connection = TransportProviders.connect(url, SocketOptions.defaults(), null)) {
 *     ...
 * }
 * boolean quic = TransportProviders.find("quic").isPresent();   // lightstream-quic on the class path?
 * }
 *
 * <p>When no provider serves a scheme, the error names the module to add.
 */
public final class TransportProviders {
    private static final Map<String, String> MODULES = Map.of("ws", "lightstream-websocket",
            "wss", "lightstream-websocket", "quic", "lightstream-quic", "https", "lightstream-webtransport");

    private TransportProviders() {}

    /** The provider serving {@code scheme} (lower case), if one is on the class path. */
    public static Optional<TransportProvider> find(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class,
                TransportProviders.class.getClassLoader())) {
            if (provider.schemes().contains(scheme)) {
                return Optional.of(provider);
            }
        }
        // A provider loaded by the context class loader only (a plug-in directory, say).
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != TransportProviders.class.getClassLoader()) {
            for (TransportProvider provider : ServiceLoader.load(TransportProvider.class, context)) {
                if (provider.schemes().contains(scheme)) {
                    return Optional.of(provider);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The provider serving the endpoint's scheme.
     *
     * @throws IllegalArgumentException if none is on the class path; the message names the module
     */
    public static TransportProvider require(Endpoint.Url endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return find(endpoint.scheme()).orElseThrow(() -> new IllegalArgumentException(endpoint.scheme()
                + ":// endpoints need the " + MODULES.getOrDefault(endpoint.scheme(), "matching transport")
                + " module on the class path (" + endpoint + ")"));
    }

    /** Connects with the endpoint's provider: see {@link TransportProvider#connect}. */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return require(endpoint).connect(endpoint, Objects.requireNonNull(socket, "socket"), tls);
    }

    /** Listens with the endpoint's provider: see {@link TransportProvider#bind}. */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return require(endpoint).bind(endpoint, Objects.requireNonNull(socket, "socket"), tls);
    }
}
