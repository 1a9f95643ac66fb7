package dev.lightstream.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that decides by the peer's chain alone, the same way for both roles and for every
 * form in which the JDK asks. It is an {@link X509ExtendedTrustManager} on purpose: the JDK then
 * calls it as is, without adding the hostname check it wraps around plain trust managers.
 */
abstract class ChainTrustManager extends X509ExtendedTrustManager {
    /**
     * Accepts {@code chain} or throws why not.
     *
     * @param role "server" or "client": whose certificate it is, for the message
     */
    abstract void check(X509Certificate[] chain, String role) throws CertificateException;

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0]; // no CA list: a client may offer any certificate
    }
}
