package dev.lightstream.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Duplex;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.Fixtures;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tcp.TcpTransport;
import dev.lightstream.transport.unix.UnixTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final SelfSignedCertificate SERVER = Fixtures.CERTIFICATE;
    private static final SelfSignedCertificate CLIENT =
            SelfSignedCertificate.builder().commonName("client-1").dnsNames("client-1").ipAddresses().build();

    /** A server that answers each connection with one byte and records how its handler ended. */
    private static final class Recorder {
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final CompletableFuture<SSLSession> session = new CompletableFuture<>();

        ServerOptions options() {
            return ServerOptions.defaults().withErrorListener((remote, error) -> failure.complete(error));
        }

        ConnectionHandler handler() {
            return connection -> {
                session.complete(((TlsConnection) connection).session());
                connection.write(ByteBuffer.wrap(new byte[] {42}));
                connection.read(ByteBuffer.allocate(1)); // until the client goes
            };
        }
    }

    private static InetSocketAddress address(ConnectionServer server) {
        return (InetSocketAddress) server.localAddress();
    }

    private static int readOne(Connection connection) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int n = connection.read(one);
        return n < 0 ? -1 : one.get(0);
    }

    @Test
    void tls12RoundTripWithAnEndMessage() throws Exception {
        TlsConfig server = TlsConfig.server(SERVER.identity()).protocols("TLSv1.2").build();
        TlsConfig client = TlsConfig.client().trust(SERVER.trust()).build();
        CompletableFuture<Duplex.Result> served = new CompletableFuture<>();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ConnectionServer listening = TlsTransport.listen(LOOPBACK, server,
                        connection -> served.complete(Duplex.run(connection, allocator, 8, 4 << 20, false)));
                TlsConnection connection = TlsTransport.connect(address(listening), client)) {
            assertThat(connection.session().getProtocol()).isEqualTo("TLSv1.2");
            Duplex.Result mine = Duplex.run(connection, allocator, 7, 4 << 20, false);
            assertThat(served.get().received()).isEqualTo(mine.sent());
            assertThat(mine.received()).isEqualTo(served.get().sent());
        }
    }

    @Test
    void tls13IsTheDefaultAndTheServerSeesNoClientCertificate() throws Exception {
        Recorder recorder = new Recorder();
        try (ConnectionServer server = TlsTransport.listen(LOOPBACK, TlsConfig.server(SERVER.identity()).build(),
                SocketOptions.defaults(), recorder.options(), recorder.handler());
                TlsConnection client = TlsTransport.connect(address(server),
                        TlsConfig.client().trust(SERVER.trust()).build())) {
            assertThat(readOne(client)).isEqualTo(42);
            assertThat(client.session().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.session().getPeerCertificates()[0]).isEqualTo(SERVER.certificate());
            assertThat(recorder.session.get().getProtocol()).isEqualTo("TLSv1.3");
            assertThatThrownBy(() -> recorder.session.get().getPeerCertificates())
                    .isInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        Recorder recorder = new Recorder();
        TlsConfig systemTrust = TlsConfig.client().build(); // the JDK's CAs: not our self-signed certificate
        try (ConnectionServer server = TlsTransport.listen(LOOPBACK, TlsConfig.server(SERVER.identity()).build(),
                SocketOptions.defaults(), recorder.options(), recorder.handler())) {
            assertThatThrownBy(() -> TlsTransport.connect(address(server), systemTrust))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("TLS handshake with " + address(server))
                    .hasMessageContaining("the server certificate CN=localhost (SHA-256 " + SERVER.sha256Fingerprint()
                            + ") is not trusted")
                    .hasMessageContaining("PKIX path building failed");
            assertThat(recorder.failure.get()).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("certificate_unknown");
        }
    }

    @Test
    void aPinnedFingerprintIsAcceptedAndAnotherRefused() throws Exception {
        try (ConnectionServer server = TlsTransport.listen(LOOPBACK, TlsConfig.server(SERVER.identity()).build(),
                new Recorder().handler())) {
            TlsConfig pinned = TlsConfig.client().trust(TlsTrust.pinnedSha256(SERVER.sha256Fingerprint())).build();
            try (TlsConnection client = TlsTransport.connect(address(server), pinned)) {
                assertThat(readOne(client)).isEqualTo(42);
            }
            // Pins are checked whatever the name: a pinned client may connect by any host name.
            TlsConfig pinnedLowercase = TlsConfig.client().serverName("not-in-the-certificate.example")
                    .trust(TlsTrust.pinnedSha256(SERVER.sha256Fingerprint().toLowerCase().replace(":", ""))).build();
            try (TlsConnection client = TlsTransport.connect(address(server), pinnedLowercase)) {
                assertThat(readOne(client)).isEqualTo(42);
            }
            String other = CLIENT.sha256Fingerprint();
            TlsConfig wrongPin = TlsConfig.client().trust(TlsTrust.pinnedSha256(other)).build();
            assertThatThrownBy(() -> TlsTransport.connect(address(server), wrongPin))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("the server certificate CN=localhost (SHA-256 " + SERVER.sha256Fingerprint()
                            + ") does not match the pinned fingerprint");
        }
        assertThatThrownBy(() -> TlsTrust.pinnedSha256("AB:CD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a SHA-256 fingerprint");
    }

    @Test
    void theHostNameIsVerifiedByDefault() throws Exception {
        SelfSignedCertificate elsewhere = SelfSignedCertificate.builder().commonName("db.example.com")
                .dnsNames("db.example.com").ipAddresses().build();
        try (ConnectionServer server = TlsTransport.listen(LOOPBACK, TlsConfig.server(elsewhere.identity()).build(),
                new Recorder().handler())) {
            TlsConfig byAddress = TlsConfig.client().trust(elsewhere.trust()).build();
            assertThatThrownBy(() -> TlsTransport.connect(address(server), byAddress))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("is not trusted")
                    .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1 found");
            TlsConfig wrongName = TlsConfig.client().trust(elsewhere.trust()).serverName("www.example.com").build();
            assertThatThrownBy(() -> TlsTransport.connect(address(server), wrongName))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("No subject alternative DNS name matching www.example.com found");
            TlsConfig rightName = TlsConfig.client().trust(elsewhere.trust()).serverName("db.example.com").build();
            try (TlsConnection client = TlsTransport.connect(address(server), rightName)) {
                assertThat(readOne(client)).isEqualTo(42);
            }
            TlsConfig unchecked = TlsConfig.client().trust(elsewhere.trust()).verifyHostname(false).build();
            try (TlsConnection client = TlsTransport.connect(address(server), unchecked)) {
                assertThat(readOne(client)).isEqualTo(42);
            }
        }
    }

    @Test
    void requiredClientAuthenticationRefusesAClientWithoutACertificate() throws Exception {
        Recorder recorder = new Recorder();
        TlsConfig server = TlsConfig.server(SERVER.identity()).clientAuth(ClientAuth.REQUIRED)
                .trust(CLIENT.trust()).build();
        try (ConnectionServer listening = TlsTransport.listen(LOOPBACK, server, SocketOptions.defaults(),
                recorder.options(), recorder.handler())) {
            TlsConfig anonymous = TlsConfig.client().trust(SERVER.trust()).build();
            // TLS 1.3: the client's side of the handshake may end before the server's verdict arrives.
            assertThatThrownBy(() -> {
                try (TlsConnection client = TlsTransport.connect(address(listening), anonymous)) {
                    readOne(client);
                }
            }).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("certificate_required");
            assertThat(recorder.failure.get()).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("Empty client certificate chain");

            TlsConfig authenticated = TlsConfig.client().trust(SERVER.trust()).identity(CLIENT.identity()).build();
            try (TlsConnection client = TlsTransport.connect(address(listening), authenticated)) {
                assertThat(readOne(client)).isEqualTo(42);
                assertThat(((X509Certificate) recorder.session.get().getPeerCertificates()[0]))
                        .isEqualTo(CLIENT.certificate());
            }
        }
    }

    @Test
    void optionalClientAuthenticationAcceptsAnonymousClients() throws Exception {
        TlsConfig server = TlsConfig.server(SERVER.identity()).clientAuth(ClientAuth.OPTIONAL)
                .trust(TlsTrust.pinnedSha256(CLIENT.sha256Fingerprint())).build();
        try (ConnectionServer listening = TlsTransport.listen(LOOPBACK, server, new Recorder().handler());
                TlsConnection client = TlsTransport.connect(address(listening),
                        TlsConfig.client().trust(SERVER.trust()).build())) {
            assertThat(readOne(client)).isEqualTo(42);
        }
        assertThatThrownBy(() -> TlsConfig.server(SERVER.identity()).clientAuth(ClientAuth.REQUIRED).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs trust(...)");
    }

    @Test
    void identitiesAndTrustFromPemFilesRsaAndEc(@TempDir Path dir) throws Exception {
        for (SelfSignedCertificate made : new SelfSignedCertificate[] {
                SelfSignedCertificate.builder().rsa(2048).build(), SelfSignedCertificate.builder().ec().build()}) {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            made.writePem(cert, key);
            TlsConfig server = TlsConfig.server(TlsIdentity.fromPem(cert, key)).build();
            TlsConfig client = TlsConfig.client().trust(TlsTrust.fromPem(cert)).build();
            try (ConnectionServer listening = TlsTransport.listen(LOOPBACK, server, new Recorder().handler());
                    TlsConnection connection = TlsTransport.connect(address(listening), client)) {
                assertThat(readOne(connection)).isEqualTo(42);
                assertThat(connection.session().getPeerCertificates()[0].getPublicKey().getAlgorithm())
                        .isEqualTo(made.privateKey().getAlgorithm());
            }
        }
    }

    @Test
    void identitiesAndTrustFromKeyStores(@TempDir Path dir) throws Exception {
        char[] password = "secret".toCharArray();
        for (String type : new String[] {"PKCS12", "JKS"}) {
            KeyStore keys = KeyStore.getInstance(type);
            keys.load(null, null);
            keys.setKeyEntry("server", SERVER.privateKey(), password, new X509Certificate[] {SERVER.certificate()});
            Path keyStore = dir.resolve("keys." + type);
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                keys.store(out, password);
            }
            KeyStore trusted = KeyStore.getInstance(type);
            trusted.load(null, null);
            trusted.setCertificateEntry("server", SERVER.certificate());
            Path trustStore = dir.resolve("trust." + type);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, password);
            }
            TlsConfig server = TlsConfig.server(TlsIdentity.fromKeyStore(keyStore, password)).build();
            TlsConfig client = TlsConfig.client().trust(TlsTrust.fromTrustStore(trustStore, password)).build();
            try (ConnectionServer listening = TlsTransport.listen(LOOPBACK, server, new Recorder().handler());
                    TlsConnection connection = TlsTransport.connect(address(listening), client)) {
                assertThat(readOne(connection)).as(type).isEqualTo(42);
            }
            assertThatThrownBy(() -> TlsIdentity.fromKeyStore(keyStore, "wrong".toCharArray()))
                    .isInstanceOf(IOException.class).hasMessageContaining("cannot load the keystore");
        }
    }

    @Test
    void badKeyMaterialIsExplained(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        SERVER.writePem(cert, key);
        Files.writeString(key, CLIENT.privateKeyPem());
        assertThatThrownBy(() -> TlsIdentity.fromPem(cert, key)).isInstanceOf(IOException.class)
                .hasMessageContaining("the private key does not match the certificate CN=localhost");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsIdentity.fromPem(cert, key)).isInstanceOf(IOException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Files.writeString(key, "nothing here");
        assertThatThrownBy(() -> TlsIdentity.fromPem(cert, key)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected one BEGIN PRIVATE KEY block, found 0 (blocks: no PEM blocks at all)");
        assertThatThrownBy(() -> TlsTrust.fromPem(key)).isInstanceOf(IOException.class)
                .hasMessageContaining("no BEGIN CERTIFICATE block");
    }

    @Test
    void aStalledHandshakeTimesOut() throws Exception {
        // A TCP server that accepts and never speaks TLS.
        try (Acceptor silent = TcpTransport.bind(LOOPBACK)) {
            TlsConfig client = TlsConfig.client().trust(SERVER.trust()).handshakeTimeout(Duration.ofMillis(300))
                    .build();
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThatThrownBy(() -> TlsTransport.connect((InetSocketAddress) silent.localAddress(), client))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("TLS handshake with")
                    .hasMessageContaining("timed out after 300 ms");
            accepted.get().close();
        }
    }

    @Test
    void anEndWithoutCloseNotifyIsReportedAsPossibleTruncation() throws Exception {
        try (Acceptor tcp = TcpTransport.bind(LOOPBACK)) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Connection raw = tcp.accept()) {
                    TlsConnection tls = TlsTransport.server(raw, TlsConfig.server(SERVER.identity()).build());
                    tls.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                    // raw closes here: no close_notify, as if the process had died
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (TlsConnection client = TlsTransport.connect((InetSocketAddress) tcp.localAddress(),
                    TlsConfig.client().trust(SERVER.trust()).build())) {
                ByteBuffer got = ByteBuffer.allocate(16);
                while (got.position() < 3) {
                    assertThat(client.read(got)).isPositive();
                }
                server.get();
                assertThatThrownBy(() -> client.read(got)).isInstanceOf(SSLException.class)
                        .hasMessageContaining("closed the connection without close_notify");
            }
        }
    }

    @Test
    void tlsRunsOverAUnixSocketToo(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("tls.sock");
        TlsConfig serverConfig = TlsConfig.server(SERVER.identity()).build();
        try (ConnectionServer server = UnixTransport.listen(socket, raw -> {
            try (TlsConnection tls = TlsTransport.server(raw, serverConfig)) {
                tls.write(ByteBuffer.wrap("over unix".getBytes(StandardCharsets.US_ASCII)));
                tls.shutdownOutput();
                tls.read(ByteBuffer.allocate(1));
            }
        });
                TlsConnection client = TlsTransport.client(UnixTransport.connect(socket),
                        TlsConfig.client().trust(SERVER.trust()).build(), "localhost", 0)) {
            ByteBuffer got = ByteBuffer.allocate(64);
            while (client.read(got) >= 0) {
                // until close_notify
            }
            assertThat(new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII)).isEqualTo("over unix");
            assertThat(server.endpoint()).isInstanceOf(Endpoint.Unix.class);
        }
    }
}
