package dev.lightstream.transport.spi;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that remembers the last certificate it refused, for transports whose TLS stack
 * reports a refusal without the trust manager's words (BoringSSL inside QUIC says
 * {@code CERTIFICATE_VERIFY_FAILED}, kwik {@code BadCertificateAlert}): the transport asks
 * {@link #refusal(String)} after a failed handshake and throws what it returns, which names the
 * certificate and why it was refused, as TCP's TLS does.
 *
 * {@snippet :
 * RefusalRecorder trust = new RefusalRecorder(tls.trust().trustManager());
 * // ... hand trust to the TLS stack, run the handshake ...
 * SSLHandshakeException refused = trust.refusal("QUIC handshake with " + endpoint);
 * if (refused != null) throw refused;
 * }
 */
public final class RefusalRecorder extends RefusalMappingTrustManager {
    private volatile CertificateException lastRefusal;

    /** @param delegate the trust manager that decides */
    public RefusalRecorder(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    /**
     * The last refusal as a handshake failure whose message is {@code what} and the trust manager's
     * words, or null if nothing was refused.
     */
    public SSLHandshakeException refusal(String what) {
        CertificateException e = lastRefusal;
        if (e == null) {
            return null;
        }
        SSLHandshakeException failure = new SSLHandshakeException(what + ": " + e.getMessage());
        failure.initCause(e);
        return failure;
    }

    @Override
    protected CertificateException refused(CertificateException e, X509Certificate[] chain, String role) {
        lastRefusal = e;
        return e;
    }
}
