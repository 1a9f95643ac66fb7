package dev.lightstream.webtransport.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.spi.RefusalRecorder;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsIdentity;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.Objects;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;
import tech.kwik.flupke.Http3Client;
import tech.kwik.flupke.Http3ClientBuilder;
import tech.kwik.flupke.HttpError;
import tech.kwik.flupke.webtransport.ClientSessionFactory;
import tech.kwik.flupke.webtransport.Session;
import tech.kwik.flupke.webtransport.WebTransportHttp3ApplicationProtocolFactory;
import tech.kwik.flupke.webtransport.WebTransportStream;

/** Builds WebTransport servers (kwik's server connector with flupke's HTTP/3) and client sessions. */
public final class WebTransports {
    /** The path of the stream when an endpoint names none. */
    public static final String DEFAULT_PATH = "/stream";
    private static final char[] KEY_PASSWORD = "lightstream".toCharArray();
    private static final String ALIAS = "lightstream";

    private WebTransports() {}

    /** Listens on {@code endpoint}; every bidirectional stream of a session at its path is a connection. */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        check(endpoint);
        Objects.requireNonNull(socket, "socket");
        if (tls == null || tls.isClient()) {
            throw new IllegalArgumentException(endpoint + " needs a server TlsConfig (WebTransport runs on QUIC's TLS 1.3)");
        }
        TlsIdentity identity = tls.identity().orElseThrow();
        String path = path(endpoint);
        InetSocketAddress address = resolve(endpoint);
        DatagramSocket udp = new DatagramSocket(address);
        try {
            ServerConnectionConfig config = ServerConnectionConfig.builder()
                    .maxIdleTimeoutInSeconds(60)
                    .maxOpenPeerInitiatedUnidirectionalStreams(3)       // HTTP/3's control and QPACK streams
                    .maxOpenPeerInitiatedBidirectionalStreams(256)
                    .maxConnectionBufferSize(64L << 20)
                    .maxBidirectionalStreamBufferSize(16L << 20)
                    .build();
            ServerConnector.Builder builder = ServerConnector.builder()
                    .withSocket(udp)
                    .withConfiguration(config)
                    .withLogger(new NullLogger()); // kwik's default logger prints to stdout
            KeyStore store = keyStore(identity);
            if (identity.privateKey() instanceof ECKey) {
                builder.withKeyStore(store, ALIAS, KEY_PASSWORD, "secp256r1");
            } else {
                builder.withKeyStore(store, ALIAS, KEY_PASSWORD);
            }
            ServerConnector connector = builder.build();
            Endpoint.Url bound = endpoint.withPort(udp.getLocalPort()).withPath(path);
            WebTransportAcceptor[] acceptor = new WebTransportAcceptor[1];
            // flupke 0.9.4 asks the request handler first: a 2xx for the extended CONNECT lets its
            // WebTransport extension take the session (whose path must then match ours); anything else is 404.
            WebTransportHttp3ApplicationProtocolFactory http3 = new WebTransportHttp3ApplicationProtocolFactory(
                    (request, response) -> response.setStatus(request.method().equals("CONNECT") ? 200 : 404));
            http3.registerWebTransportServer(path, session -> {
                session.setBidirectionalStreamReceiveHandler(stream -> acceptor[0].offer(
                        new StreamConnection(stream, udp.getLocalSocketAddress(), null, () -> { })));
                session.open(); // after the handler, or streams could be missed
            });
            connector.registerApplicationProtocol("h3", http3);
            acceptor[0] = new WebTransportAcceptor(connector, udp, bound);
            connector.start();
            return acceptor[0];
        } catch (GeneralSecurityException e) {
            udp.close();
            throw new IOException("cannot load the server certificate into kwik: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            udp.close();
            throw e;
        }
    }

    /** A client session at {@code endpoint}, ready for streams. */
    public static ClientSession open(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        check(endpoint);
        Objects.requireNonNull(socket, "socket");
        if (tls != null && !tls.isClient()) {
            throw new IllegalArgumentException(endpoint + " needs a client TlsConfig, not " + tls);
        }
        TlsConfig client = tls != null ? tls : TlsConfig.client().build();
        resolve(endpoint);
        URI uri = URI.create(endpoint.withPath(path(endpoint)).toString());
        Http3ClientBuilder builder = (Http3ClientBuilder) Http3Client.newBuilder();
        // kwik reports a refused certificate as "BadCertificateAlert: certificate validation failed":
        // the recorder keeps the trust manager's words (which certificate, and why) for the exception.
        RefusalRecorder trust = new RefusalRecorder(client.trust().trustManager());
        builder.trustManager(trust)
                .logger(new NullLogger())
                .connectTimeout(socket.connectTimeout().isZero() ? java.time.Duration.ofSeconds(30)
                        : socket.connectTimeout());
        Http3Client http = (Http3Client) builder.build();
        try {
            ClientSessionFactory factory = ClientSessionFactory.newBuilder().serverUri(uri).httpClient(http).build();
            Session session = factory.createSession(uri);
            session.open();
            return new ClientSession(session, endpoint, socket);
        } catch (HttpError e) {
            throw new java.net.ProtocolException("the WebTransport session at " + uri + " was refused: " + e.getMessage());
        } catch (IOException e) {
            javax.net.ssl.SSLHandshakeException refused = trust.refusal("WebTransport handshake with " + endpoint);
            if (refused != null) {
                refused.addSuppressed(e);
                throw refused;
            }
            throw e;
        }
    }

    /** A connection on a stream of a session of its own; closing it closes the session. */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        ClientSession session = open(endpoint, socket, tls);
        try {
            return session.open(session::close);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A client's WebTransport session. */
    public static final class ClientSession implements dev.lightstream.webtransport.WebTransportSession {
        private final Session session;
        private final Endpoint.Url endpoint;
        private final SocketOptions socket;

        ClientSession(Session session, Endpoint.Url endpoint, SocketOptions socket) {
            this.session = session;
            this.endpoint = endpoint;
            this.socket = socket;
        }

        @Override
        public Connection openStream() throws IOException {
            return open(() -> { });
        }

        Connection open(Runnable onClose) throws IOException {
            WebTransportStream stream = session.createBidirectionalStream();
            // The stream's header goes out with the first bytes: flush it so the server knows the
            // stream before the application writes (a reading client has nothing to write).
            stream.getOutputStream().flush();
            StreamConnection connection = new StreamConnection(stream, null, endpoint.socketAddress(), onClose);
            connection.setReadTimeout(socket.readTimeout());
            return connection;
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException ignored) {
                // the session is gone already
            }
        }
    }

    private static KeyStore keyStore(TlsIdentity identity) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, identity.privateKey(), KEY_PASSWORD,
                identity.chain().toArray(X509Certificate[]::new));
        return store;
    }

    private static String path(Endpoint.Url endpoint) {
        return endpoint.path().isEmpty() || endpoint.path().equals("/") ? DEFAULT_PATH : endpoint.path();
    }

    private static void check(Endpoint.Url endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoint.scheme().equals("https")) {
            throw new IllegalArgumentException(endpoint + " is not an https:// (WebTransport) endpoint");
        }
    }

    private static InetSocketAddress resolve(Endpoint.Url endpoint) throws UnknownHostException {
        InetSocketAddress address = endpoint.socketAddress();
        if (address.isUnresolved()) {
            throw new UnknownHostException(endpoint.host());
        }
        return address;
    }
}
