package dev.lightstream.webtransport;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.webtransport.internal.WebTransports;
import java.io.IOException;

/**
 * The WebTransport transport (HTTP/3 over QUIC) on flupke and kwik, client and server: a client opens
 * a session at {@code https://host:port/path} ({@code /stream} when the endpoint names none) and each
 * bidirectional stream it opens there is a {@link Connection} on the server.
 *
 * {@snippet :
 * SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
 * try (ConnectionServer server = WebTransportTransport.listen(
 *         (Endpoint.Url) Endpoint.parse("https://127.0.0.1:0/stream"), SocketOptions.defaults(),
 *         TlsConfig.server(certificate.identity()).build(), ServerOptions.defaults(), connection -> serve(connection));
 *      Connection client = WebTransportTransport.connect((Endpoint.Url) server.endpoint(), SocketOptions.defaults(),
 *         TlsConfig.client().trust(TlsTrust.pinnedSha256(certificate.sha256Fingerprint())).build())) {
 *     ...
 * }
 * }
 *
 * <p><b>Licence.</b> flupke and kwik are LGPL-3.0; this module is optional (see NOTICE).
 *
 * <p><b>Streams.</b> kwik's streams are blocking {@code InputStream}/{@code OutputStream}s with QUIC
 * flow control, so backpressure needs no queue of ours; bytes are copied once each way.
 * {@link Connection#shutdownOutput()} sends FIN. A read timeout closes the stream when it runs out.
 *
 * <p><b>TLS.</b> Servers present the server {@link TlsConfig}'s identity (RSA or EC, given to kwik as
 * an in-memory PKCS12 keystore); clients trust what their config trusts.
 */
public final class WebTransportTransport {
    private WebTransportTransport() {}

    /** Opens a WebTransport session (QUIC and HTTP/3 handshakes done) on which to open streams. */
    public static WebTransportSession openSession(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls)
            throws IOException {
        return WebTransports.open(endpoint, socket, tls);
    }

    /** A stream on a WebTransport session of its own; closing the connection closes the session. */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return WebTransports.connect(endpoint, socket, tls);
    }

    /** Listens on {@code endpoint} (a UDP port; 0 for any free one); {@code tls} is the server configuration. */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return WebTransports.bind(endpoint, socket, tls);
    }

    /** Listens on {@code endpoint} and serves every stream with {@code handler} on a virtual thread of its own. */
    public static ConnectionServer listen(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls,
            ServerOptions options, ConnectionHandler handler) throws IOException {
        return ConnectionServer.start(bind(endpoint, socket, tls), handler, options);
    }
}
