package dev.lightstream.webtransport;

import dev.lightstream.fixtures.Golden;
import dev.lightstream.fixtures.TransportEcho;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTrust;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case (compressed ones too) echoed over WebTransport: each on a new stream of one
 * connection, sent and read back at once, compared value by value with the .stream file.
 */
@Timeout(60)
class WebTransportGoldenTest {
    static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();
    static final TlsConfig SERVER_TLS = TlsConfig.server(CERTIFICATE.identity()).build();
    static final TlsConfig CLIENT_TLS = TlsConfig.client()
            .trust(TlsTrust.pinnedSha256(CERTIFICATE.sha256Fingerprint())).build();
    private static ConnectionServer server;
    private static WebTransportSession session;

    @BeforeAll
    static void start() throws Exception {
        server = WebTransportTransport.listen((Endpoint.Url) Endpoint.parse("https://127.0.0.1:0/stream"), SocketOptions.defaults(),
                SERVER_TLS, ServerOptions.defaults(), TransportEcho.handler());
        session = WebTransportTransport.openSession(byName(server), SocketOptions.defaults(), CLIENT_TLS);
    }

    /**
     * The server's endpoint with the host "localhost": kwik checks the certificate's DNS names against
     * the host even when the certificate is pinned, and does not match IP addresses.
     */
    static Endpoint.Url byName(ConnectionServer server) {
        Endpoint.Url url = (Endpoint.Url) server.endpoint();
        return new Endpoint.Url(url.scheme(), "localhost", url.port(), url.path());
    }

    @AfterAll
    static void stop() {
        session.close();
        server.close();
    }

    static Stream<Named<Path>> cases() {
        return Golden.cases().stream().map(base -> Named.of(Golden.name(base), base));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCaseEchoesValueByValue(Path base) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
                Connection stream = session.openStream();
                Golden.Content echoed = TransportEcho.roundTrip(stream, expected, allocator)) {
            Golden.assertEqual(expected, echoed, "webtransport " + Golden.name(base));
        }
    }
}
