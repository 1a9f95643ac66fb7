package dev.lightstream.webtransport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTrust;
import dev.lightstream.webtransport.WebTransportTransport;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The repair of kwik's lost send requests ({@link KwikSendRequest}) is reachable with the pinned
 * flupke and kwik on the class path, as the suite and the cli run them: if an upgrade moves what it
 * reaches by name, this fails instead of the stalls coming back silently.
 */
@Timeout(60)
class KwikSendRequestTest {
    @Test
    void reachesKwiksRequestThroughFlupkesStreamWrapper() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.forLocalhost();
        try (ConnectionServer server = WebTransportTransport.listen(
                (Endpoint.Url) Endpoint.parse("https://127.0.0.1:0/stream"), SocketOptions.defaults(),
                TlsConfig.server(certificate.identity()).build(), ServerOptions.defaults(), Connection::close)) {
            Endpoint.Url url = (Endpoint.Url) server.endpoint();
            try (Connection client = WebTransportTransport.connect(
                    new Endpoint.Url("https", "localhost", url.port(), url.path()), SocketOptions.defaults(),
                    TlsConfig.client().trust(TlsTrust.pinnedSha256(certificate.sha256Fingerprint())).build())) {
                assertThat(client).isInstanceOf(StreamConnection.class);
                assertThat(((StreamConnection) client).repairsLostSendRequests()).isTrue();
            }
        }
    }

    @Test
    void anOutputStreamOfAnotherKindIsNotReached() {
        assertThat(KwikSendRequest.of(new ByteArrayOutputStream())).isNull();
    }
}
