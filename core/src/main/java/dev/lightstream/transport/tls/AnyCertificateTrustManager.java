package dev.lightstream.transport.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Trusts any peer that presents a certificate: encryption without authentication, for
 * {@link TlsTrust#insecureAcceptAny()}. A {@link ChainTrustManager}, so that the JDK adds no hostname
 * check around it.
 */
final class AnyCertificateTrustManager extends ChainTrustManager {
    @Override
    void check(X509Certificate[] chain, String role) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the " + role + " sent no certificate");
        }
    }
}
