package dev.lightstream.transport.tls;

import dev.lightstream.transport.spi.RefusalMappingTrustManager;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust manager, with refusals that say which certificate was refused: the JDK's
 * own messages ("PKIX path building failed: ... unable to find valid certification path to
 * requested target") do not name it.
 */
final class ExplainingTrustManager extends RefusalMappingTrustManager {
    ExplainingTrustManager(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    @Override
    protected CertificateException refused(CertificateException e, X509Certificate[] chain, String role) {
        if (chain == null || chain.length == 0) {
            return e;
        }
        return new CertificateException("the " + role + " certificate " + TlsTrust.describe(chain[0])
                + " is not trusted: " + e.getMessage(), e);
    }
}
