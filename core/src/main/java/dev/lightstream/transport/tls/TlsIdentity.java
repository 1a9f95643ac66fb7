package dev.lightstream.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * Who a TLS peer says it is: a private key and its certificate chain (the end certificate first),
 * from PEM files, a keystore, or objects in memory. Servers need one; clients need one only for
 * client authentication.
 *
 * {@snippet :
 * TlsIdentity fromPem = TlsIdentity.fromPem(Path.of("server-chain.pem"), Path.of("server-key.pem"));
 * TlsIdentity fromStore = TlsIdentity.fromKeyStore(Path.of("server.p12"), "secret".toCharArray());
 * }
 *
 * <p>The key is checked against the end certificate when the identity is made (a trial signature
 * verified with the certificate's public key), so a mismatched pair fails here, with a message
 * saying so, rather than as a vague handshake failure later.
 */
public final class TlsIdentity {
    private static final char[] IN_MEMORY_PASSWORD = "lightstream".toCharArray();

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain;
    }

    /**
     * An identity from a key and its chain, end certificate first.
     *
     * @throws IllegalArgumentException if the chain is empty or the key does not match its first certificate
     */
    public static TlsIdentity of(PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        checkPair(key, chain.get(0));
        return new TlsIdentity(key, List.copyOf(chain));
    }

    /**
     * An identity from a PEM certificate chain (end certificate first) and a PEM PKCS#8 key (RSA or EC).
     *
     * @throws IOException if a file cannot be read or parsed, or the key does not match the certificate
     */
    public static TlsIdentity fromPem(Path certificateChain, Path privateKey) throws IOException {
        return checked(Pem.readPrivateKey(privateKey), Pem.readCertificates(certificateChain),
                certificateChain + " and " + privateKey);
    }

    /** An identity from PEM texts. */
    public static TlsIdentity fromPem(String certificateChainPem, String privateKeyPem) throws IOException {
        return checked(Pem.readPrivateKey(privateKeyPem), Pem.readCertificates(certificateChainPem), "the PEM texts");
    }

    private static TlsIdentity checked(PrivateKey key, List<X509Certificate> chain, String source) throws IOException {
        try {
            return of(key, chain);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The only key entry of a keystore (PKCS12 or JKS, detected), whose key password is the store's.
     *
     * @throws IOException if it cannot be read, the password is wrong, or it holds no key or several
     */
    public static TlsIdentity fromKeyStore(Path file, char[] password) throws IOException {
        return fromKeyStore(file, password, null, password);
    }

    /**
     * The key entry {@code alias} of a keystore (PKCS12 or JKS, detected); a null alias takes the only key entry.
     *
     * @throws IOException if it cannot be read, a password is wrong, or the entry is missing
     */
    public static TlsIdentity fromKeyStore(Path file, char[] storePassword, String alias, char[] keyPassword)
            throws IOException {
        KeyStore store;
        try {
            store = KeyStore.getInstance(file.toFile(), storePassword);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException(file + ": cannot load the keystore (wrong password, or not PKCS12/JKS?): "
                    + e.getMessage(), e);
        }
        try {
            String name = alias;
            if (name == null) {
                List<String> keys = new ArrayList<>();
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        keys.add(a);
                    }
                }
                if (keys.size() != 1) {
                    throw new IOException(file + ": expected one key entry, found " + keys.size() + " " + keys
                            + "; name the alias");
                }
                name = keys.get(0);
            }
            if (!store.isKeyEntry(name)) {
                throw new IOException(file + ": no key entry named \"" + name + "\"");
            }
            PrivateKey key = (PrivateKey) store.getKey(name, keyPassword);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(name)) {
                chain.add((X509Certificate) certificate);
            }
            return checked(key, chain, file.toString());
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot read the key entry (wrong key password?): " + e.getMessage(), e);
        }
    }

    /** Signs a probe with the key and verifies it with the certificate. */
    private static void checkPair(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // nothing to check it with; the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "lightstream key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not match the certificate "
                        + TlsTrust.describe(certificate));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key (" + key.getAlgorithm() + ") does not match the "
                    + "certificate " + TlsTrust.describe(certificate) + ": " + e.getMessage(), e);
        }
    }

    /** The private key. */
    public PrivateKey privateKey() {
        return key;
    }

    /** The certificate chain, end certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the identity into a key manager: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + TlsTrust.describe(chain.get(0)) + "]";
    }
}
