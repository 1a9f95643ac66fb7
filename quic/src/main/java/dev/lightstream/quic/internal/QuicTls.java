package dev.lightstream.quic.internal;

import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsIdentity;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import java.security.cert.X509Certificate;

/**
 * QUIC's TLS 1.3 contexts (BoringSSL inside quiche) made from the core's {@link TlsConfig}: the
 * server presents the identity; the client trusts what the config trusts (CAs, pinned fingerprints,
 * or anything with {@code --insecure}), through the same trust manager as TCP's TLS.
 */
final class QuicTls {
    /** The application protocol both sides must agree on. */
    static final String ALPN = "lightstream";

    private QuicTls() {}

    static QuicSslContext server(TlsConfig tls) {
        TlsIdentity identity = tls.identity().orElseThrow(() -> new IllegalArgumentException(
                "a QUIC server needs a TlsConfig with an identity"));
        return QuicSslContextBuilder.forServer(identity.privateKey(), null,
                        identity.chain().toArray(X509Certificate[]::new))
                .applicationProtocols(ALPN)
                .build();
    }

    /** The client's context, trusting through {@code trust} (the config's trust manager, perhaps wrapped). */
    static QuicSslContext client(TlsConfig tls, javax.net.ssl.X509ExtendedTrustManager trust) {
        QuicSslContextBuilder builder = QuicSslContextBuilder.forClient()
                .trustManager(trust)
                .applicationProtocols(ALPN);
        tls.identity().ifPresent(identity -> builder.keyManager(identity.privateKey(), null,
                identity.chain().toArray(X509Certificate[]::new)));
        return builder.build();
    }
}
