package dev.lightstream.transport.tls;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer whose end certificate has one of the pinned SHA-256 fingerprints, and nothing else.
 * It is an {@link X509ExtendedTrustManager} on purpose: the JDK then calls it as is, without adding
 * the hostname check it wraps around plain trust managers (the pin already names the certificate).
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final List<byte[]> pins;

    PinnedTrustManager(List<byte[]> pins) {
        this.pins = List.copyOf(pins);
    }

    private void check(X509Certificate[] chain, String role) throws CertificateException {
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

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0]; // no CA list: a client may offer any certificate
    }
}
