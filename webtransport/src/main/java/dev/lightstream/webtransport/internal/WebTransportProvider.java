package dev.lightstream.webtransport.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.spi.TransportProvider;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;
import java.util.Set;

/** Serves {@code https://host:port/path} (WebTransport) endpoints for {@link dev.lightstream.transport.spi.TransportProviders}. */
public final class WebTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public WebTransportProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of("https");
    }

    @Override
    public Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return WebTransports.connect(endpoint, socket, tls);
    }

    @Override
    public Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return WebTransports.bind(endpoint, socket, tls);
    }
}
