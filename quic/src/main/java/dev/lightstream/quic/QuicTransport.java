package dev.lightstream.quic;

import dev.lightstream.quic.internal.Quics;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;

/**
 * The QUIC transport on Netty's native QUIC codec (quiche, linux-x86_64), client and server. Every
 * bidirectional QUIC stream is a {@link Connection}, so table readers and writers run on it
 * unchanged; one QUIC connection ({@link QuicSession}) carries several streams at once.
 *
 * {@snippet :
 * SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
 * try (ConnectionServer server = QuicTransport.listen((Endpoint.Url) Endpoint.parse("quic://127.0.0.1:0"),
 *         SocketOptions.defaults(), TlsConfig.server(certificate.identity()).build(), ServerOptions.defaults(),
 *         connection -> serveTable(connection))) {
 *     TlsConfig trust = TlsConfig.client().trust(TlsTrust.pinnedSha256(certificate.sha256Fingerprint())).build();
 *     try (QuicSession session = QuicTransport.openSession((Endpoint.Url) server.endpoint(),
 *             SocketOptions.defaults(), trust)) {
 *         Connection first = session.openStream();
 *         Connection second = session.openStream();   // both served at once
 *     }
 * }
 * }
 *
 * <p><b>TLS.</b> Always TLS 1.3, ALPN {@code lightstream}. Servers need a server {@link TlsConfig}
 * (a certificate from PEM files, a keystore, or a {@link dev.lightstream.transport.tls.SelfSignedCertificate});
 * clients trust what their config trusts (the system's CAs by default, or pinned fingerprints).
 *
 * <p><b>Streams.</b> A client's stream opens with the four bytes {@code LSQ1} (the server learns of a
 * QUIC stream only when bytes arrive; a reading client has nothing else to send); the server strips
 * them. {@link Connection#shutdownOutput()} sends FIN after everything written. A stream reset, or a
 * QUIC connection that closes or times out (60 s idle) mid-stream, is an {@link java.io.EOFException}
 * for its reader.
 *
 * <p><b>Backpressure.</b> Up to 8 MiB per stream wait unread; past that the stream stops being read, its
 * flow-control window is not extended, and the peer's writes wait.
 */
public final class QuicTransport {
    private QuicTransport() {}

    /** Opens a QUIC connection (handshake done) on which to open streams. */
    public static QuicSession openSession(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls)
            throws IOException {
        return Quics.open(endpoint, socket, tls);
    }

    /**
     * A stream on a QUIC connection of its own: closing the connection returned closes the QUIC
     * connection too, once the stream has delivered its last bytes.
     *
     * @param tls a client configuration, or null for the system's CAs
     */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return Quics.connect(endpoint, socket, tls);
    }

    /**
     * Listens on {@code endpoint} (a UDP port; 0 for any free one).
     *
     * @param tls the server configuration (required)
     */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        return Quics.bind(endpoint, socket, tls);
    }

    /** Listens on {@code endpoint} and serves every stream with {@code handler} on a virtual thread of its own. */
    public static ConnectionServer listen(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls,
            ServerOptions options, ConnectionHandler handler) throws IOException {
        return ConnectionServer.start(bind(endpoint, socket, tls), handler, options);
    }
}
