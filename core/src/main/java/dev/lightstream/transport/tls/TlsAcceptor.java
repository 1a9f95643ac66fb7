package dev.lightstream.transport.tls;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** A TCP acceptor whose connections speak TLS; the handshake is left to the connection's thread. */
final class TlsAcceptor implements Acceptor {
    private final Acceptor tcp;
    private final TlsConfig config;

    TlsAcceptor(Acceptor tcp, TlsConfig config) {
        this.tcp = tcp;
        this.config = config;
    }

    @Override
    public Connection accept() throws IOException {
        Connection raw = tcp.accept();
        return TlsTransport.server(raw, config);
    }

    @Override
    public SocketAddress localAddress() {
        return tcp.localAddress();
    }

    @Override
    public Endpoint endpoint() {
        InetSocketAddress local = (InetSocketAddress) tcp.localAddress();
        Endpoint.Tcp plain = (Endpoint.Tcp) Endpoint.of(local);
        return new Endpoint.Tls(plain.host(), plain.port());
    }

    @Override
    public boolean isOpen() {
        return tcp.isOpen();
    }

    @Override
    public void close() throws IOException {
        tcp.close();
    }
}
