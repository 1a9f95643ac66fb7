package dev.lightstream.net;

import static dev.lightstream.net.DisconnectTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.ServerOptions;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTrust;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tables over TLS with a certificate made here: trusted, pinned, and not trusted at all. */
@Timeout(60)
class TlsTablesTest {
    private static final int ROWS = 4096;
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.builder()
            .commonName("lightstream-tables-test").build();
    private static final NetOptions SERVER = NetOptions.defaults()
            .withTls(TlsConfig.server(CERTIFICATE.identity()).build());

    @Test
    void tablesGoBothWaysWithTheCertificateTrustedOrPinned() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger received = new AtomicInteger();
        NetOptions trusting = NetOptions.defaults().withTls(TlsConfig.client().trust(CERTIFICATE.trust()).build());
        NetOptions pinning = NetOptions.defaults().withTls(
                TlsConfig.client().trust(TlsTrust.pinnedSha256(CERTIFICATE.sha256Fingerprint())).build());
        try (LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer serving = TableServer.serve(Endpoint.parse("tls://127.0.0.1:0"),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, 12, ROWS)), serverMemory,
                     SERVER);
             TableServer receiving = TableServer.receive(Endpoint.parse("tls://127.0.0.1:0"), stream -> {
                 try {
                     for (RecordBatch batch; (batch = stream.next()) != null; ) {
                         try (RecordBatch b = batch) {
                             Generated.assertBatch(b, received.getAndIncrement(), ROWS, "received");
                         }
                     }
                 } catch (Throwable t) {
                     failures.add(t);
                 }
             }, serverMemory, SERVER)) {
            for (NetOptions client : List.of(trusting, pinning)) {
                try (NetTableReader reader = NetTableReader.connect(serving.endpoint(), clientMemory, client)) {
                    for (int i = 0; i < 12; i++) {
                        try (RecordBatch batch = reader.next()) {
                            Generated.assertBatch(batch, i, ROWS, "served batch " + i);
                        }
                    }
                    assertThat(reader.next()).isNull();
                }
            }
            received.set(0);
            try (NetTableWriter writer = NetTableWriter.connect(receiving.endpoint(), Generated.SCHEMA, clientMemory,
                    trusting)) {
                for (int i = 0; i < 12; i++) {
                    try (RecordBatch batch = Generated.batch(clientMemory, i, ROWS)) {
                        writer.write(batch);
                    }
                }
            }
            await(() -> received.get() == 12 && receiving.connectionCount() == 0 || !failures.isEmpty());
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedWithAClearError() throws Exception {
        List<Throwable> serverSide = new CopyOnWriteArrayList<>();
        NetOptions server = SERVER.withServer(ServerOptions.defaults()
                .withErrorListener((remote, error) -> serverSide.add(error)));
        try (LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             TableServer serving = TableServer.serve(Endpoint.parse("tls://127.0.0.1:0"),
                     BatchSource.of(Generated.SCHEMA, () -> Generated.batches(serverMemory, 2, ROWS)), serverMemory,
                     server)) {
            NetOptions systemTrust = NetOptions.defaults().withTls(TlsConfig.client().build());
            assertThatThrownBy(() -> NetTableReader.connect(serving.endpoint(), clientMemory, systemTrust))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("TLS handshake with")
                    .hasMessageContaining("the server certificate CN=lightstream-tables-test (SHA-256 "
                            + CERTIFICATE.sha256Fingerprint())
                    .hasMessageContaining("is not trusted");
            NetOptions otherPin = NetOptions.defaults().withTls(TlsConfig.client()
                    .trust(TlsTrust.pinnedSha256(SelfSignedCertificate.forLocalhost().sha256Fingerprint())).build());
            assertThatThrownBy(() -> NetTableReader.connect(serving.endpoint(), clientMemory, otherPin))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining(CERTIFICATE.sha256Fingerprint());
            await(() -> serverSide.size() == 2);
            assertThat(serverSide).allMatch(e -> e instanceof SSLHandshakeException);
            // Refused clients cost the server nothing lasting: a trusting client is served.
            NetOptions trusting = NetOptions.defaults().withTls(TlsConfig.client().trust(CERTIFICATE.trust()).build());
            try (NetTableReader reader = NetTableReader.connect(serving.endpoint(), clientMemory, trusting)) {
                for (int i = 0; i < 2; i++) {
                    try (RecordBatch batch = reader.next()) {
                        Generated.assertBatch(batch, i, ROWS, "batch " + i);
                    }
                }
                assertThat(reader.next()).isNull();
            }
        }
    }
}
