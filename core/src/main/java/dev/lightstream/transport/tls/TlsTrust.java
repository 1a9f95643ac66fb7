package dev.lightstream.transport.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which certificates a TLS peer accepts from the other side: the system's CAs, a PEM CA bundle, a
 * truststore (PKCS12 or JKS), or pinned SHA-256 certificate fingerprints.
 *
 * {@snippet :
 * TlsTrust corporate = TlsTrust.fromPem(Path.of("/etc/ssl/ca-bundle.pem"));
 * TlsTrust store = TlsTrust.fromTrustStore(Path.of("truststore.p12"), "changeit".toCharArray());
 * TlsTrust pinned = TlsTrust.pinnedSha256("3A:1F:...:9C");   // exactly this certificate
 * }
 *
 * <p>CA-based trust validates the chain (PKIX) and, on clients, the host name. A pin trusts the one
 * certificate whose DER has that SHA-256, whatever its issuer, names or dates: the pin replaces
 * both chain validation and hostname verification. Either way a refusal names the certificate
 * (subject and fingerprint) and the reason. {@link #insecureAcceptAny()} trusts everything.
 */
public final class TlsTrust {
    private final X509ExtendedTrustManager trustManager;
    private final boolean pinned;
    private final String description;

    private TlsTrust(X509ExtendedTrustManager trustManager, boolean pinned, String description) {
        this.trustManager = trustManager;
        this.pinned = pinned;
        this.description = description;
    }

    /** The JDK's default trust: its {@code cacerts} or what the system properties select. */
    public static TlsTrust systemDefault() {
        return fromKeyStore(null, "the system trust store");
    }

    /** Trust in these certificates as anchors (CAs, or self-signed end certificates). */
    public static TlsTrust of(List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchors given");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            return fromKeyStore(store, anchors.size() + " trust anchor(s)");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold trust anchors in memory: " + e.getMessage(), e);
        }
    }

    /**
     * Trust in the CA certificates of a PEM bundle.
     *
     * @throws IOException if the file cannot be read or holds no certificate
     */
    public static TlsTrust fromPem(Path caBundle) throws IOException {
        return of(Pem.readCertificates(caBundle));
    }

    /** Trust in the CA certificates of a PEM text. */
    public static TlsTrust fromPem(String caBundlePem) throws IOException {
        return of(Pem.readCertificates(caBundlePem));
    }

    /**
     * Trust in the certificates of a truststore; its type (PKCS12, JKS) is detected.
     *
     * @throws IOException if it cannot be read, the password is wrong, or the type is unknown
     */
    public static TlsTrust fromTrustStore(Path file, char[] password) throws IOException {
        try {
            return fromKeyStore(KeyStore.getInstance(file.toFile(), password), file.toString());
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot load the truststore: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot load the truststore (wrong password?): " + e.getMessage(), e);
        }
    }

    /**
     * Trust in exactly the certificates with these SHA-256 fingerprints (hex, any case, colons or
     * spaces allowed: the output of {@code openssl x509 -fingerprint -sha256} works as is).
     *
     * @throws IllegalArgumentException if a fingerprint is not 32 bytes of hex
     */
    public static TlsTrust pinnedSha256(String... fingerprints) {
        if (fingerprints.length == 0) {
            throw new IllegalArgumentException("no fingerprints given");
        }
        List<byte[]> pins = new ArrayList<>();
        for (String fingerprint : fingerprints) {
            pins.add(parseFingerprint(fingerprint));
        }
        return new TlsTrust(new PinnedTrustManager(pins), true, pins.size() + " pinned certificate(s)");
    }

    /**
     * Trust in any certificate at all, with no hostname check: the connection is encrypted but the
     * peer is not authenticated, so anyone in the middle can read it. For tests and for a command
     * line's {@code --insecure}, which should say so loudly.
     */
    public static TlsTrust insecureAcceptAny() {
        return new TlsTrust(new AnyCertificateTrustManager(), true, "any certificate (insecure)");
    }

    private static TlsTrust fromKeyStore(KeyStore store, String description) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new TlsTrust(new ExplainingTrustManager(x509), false, description);
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up trust in " + description + ": " + e.getMessage(), e);
        }
    }

    static byte[] parseFingerprint(String fingerprint) {
        String hex = fingerprint.replaceAll("[:\\s]", "");
        if (hex.regionMatches(true, 0, "SHA256", 0, 6)) {
            throw new IllegalArgumentException("fingerprint \"" + fingerprint + "\" has a prefix; give the hex only");
        }
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("fingerprint \"" + fingerprint
                    + "\" is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    /** The SHA-256 fingerprint of a certificate's DER, as {@code AB:CD:...} (the form keytool and openssl print). */
    public static String sha256Fingerprint(X509Certificate certificate) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate));
    }

    static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** How a certificate is named in refusals: subject and fingerprint. */
    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (SHA-256 " + sha256Fingerprint(certificate) + ")";
    }

    X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    /** True for pinned fingerprints (and for trusting anything), which replace hostname verification. */
    boolean isPinned() {
        return pinned;
    }

    @Override
    public String toString() {
        return "TlsTrust[" + description + "]";
    }
}
