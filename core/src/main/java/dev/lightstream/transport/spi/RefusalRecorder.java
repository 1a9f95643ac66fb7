package dev.lightstream.transport.spi;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
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
public final class RefusalRecorder extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private volatile CertificateException refused;

    /** @param delegate the trust manager that decides */
    public RefusalRecorder(X509ExtendedTrustManager delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The last refusal as a handshake failure whose message is {@code what} and the trust manager's
     * words, or null if nothing was refused.
     */
    public SSLHandshakeException refusal(String what) {
        CertificateException e = refused;
        if (e == null) {
            return null;
        }
        SSLHandshakeException failure = new SSLHandshakeException(what + ": " + e.getMessage());
        failure.initCause(e);
        return failure;
    }

    private CertificateException record(CertificateException e) {
        refused = e;
        return e;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw record(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw record(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw record(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw record(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw record(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw record(e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
