package dev.lightstream.websocket;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case (compressed ones too) sent over a WebSocket to an echo server and read back while
 * it is sent, compared value by value with the .stream file read directly; over ws:// and wss://.
 */
@Timeout(60)
class WebSocketGoldenTest {
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();
    private static ConnectionServer plain;
    private static ConnectionServer secure;

    @BeforeAll
    static void start() throws Exception {
        plain = WebSocketTransport.listen((Endpoint.Url) Endpoint.parse("ws://127.0.0.1:0"), SocketOptions.defaults(),
                null, ServerOptions.defaults(), TransportEcho.handler());
        secure = WebSocketTransport.listen((Endpoint.Url) Endpoint.parse("wss://127.0.0.1:0"),
                SocketOptions.defaults(), TlsConfig.server(CERTIFICATE.identity()).build(), ServerOptions.defaults(),
                TransportEcho.handler());
    }

    @AfterAll
    static void stop() {
        plain.close();
        secure.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String scheme : List.of("ws", "wss")) {
            Golden.cases().forEach(base -> all.add(Arguments.of(scheme, Named.of(Golden.name(base), base))));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void goldenCaseEchoesValueByValue(String scheme, Path base) throws Exception {
        boolean tls = scheme.equals("wss");
        Endpoint.Url endpoint = (Endpoint.Url) (tls ? secure : plain).endpoint();
        TlsConfig client = tls ? TlsConfig.client().trust(TlsTrust.pinnedSha256(CERTIFICATE.sha256Fingerprint())).build()
                : null;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                Golden.Content expected = Golden.readStream(Golden.stream(base), allocator);
                Connection connection = WebSocketTransport.connect(endpoint, SocketOptions.defaults(), client);
                Golden.Content echoed = TransportEcho.roundTrip(connection, expected, allocator)) {
            Golden.assertEqual(expected, echoed, scheme + " " + Golden.name(base));
        }
    }
}
