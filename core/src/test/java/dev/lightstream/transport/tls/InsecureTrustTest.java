package dev.lightstream.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.transport.ConnectionServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TlsTrust#insecureAcceptAny()}: any certificate, any host name, still encrypted. */
@Timeout(30)
class InsecureTrustTest {

    @Test
    void acceptsACertificateForAnotherHostThatNothingVouchesFor() throws Exception {
        SelfSignedCertificate elsewhere = SelfSignedCertificate.builder().commonName("elsewhere.example")
                .dnsNames("elsewhere.example").ipAddresses("192.0.2.1").build();
        TlsConfig server = TlsConfig.server(elsewhere.identity()).build();
        TlsConfig client = TlsConfig.client().trust(TlsTrust.insecureAcceptAny()).build();
        try (ConnectionServer listening = TlsTransport.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server,
                connection -> connection.write(ByteBuffer.wrap(new byte[] {42})));
             TlsConnection connection = TlsTransport.connect((InetSocketAddress) listening.localAddress(), client)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            assertThat(connection.read(one)).isEqualTo(1);
            assertThat(one.get(0)).isEqualTo((byte) 42);
        }
        assertThat(TlsTrust.insecureAcceptAny()).hasToString("TlsTrust[any certificate (insecure)]");
    }
}
