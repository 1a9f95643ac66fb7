package dev.lightstream.transport.tls;

import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Trusts a peer whose end certificate has one of the pinned SHA-256 fingerprints, and nothing else.
 * Like every {@link ChainTrustManager}, the JDK adds no hostname check around it (the pin already
 * names the certificate).
 */
final class PinnedTrustManager extends ChainTrustManager {
    private final List<byte[]> pins;

    PinnedTrustManager(List<byte[]> pins) {
        this.pins = List.copyOf(pins);
    }

    @Override
    void check(X509Certificate[] chain, String role) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the " + role + " sent no certificate, and one with a pinned fingerprint "
                    + "is required");
        }
        byte[] actual = TlsTrust.sha256(chain[0]);
        for (byte[] pin : pins) {
            if (MessageDigest.isEqual(pin, actual)) {
                return;
            }
        }
        throw new CertificateException("the " + role + " certificate " + TlsTrust.describe(chain[0])
                + " does not match the pinned fingerprint" + (pins.size() > 1 ? "s" : ""));
    }
}
