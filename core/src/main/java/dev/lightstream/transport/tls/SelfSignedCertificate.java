package dev.lightstream.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A freshly generated key pair and a self-signed X.509 certificate for it, made with the JDK alone
 * (key generation and signatures from {@code java.security}, the certificate's DER written here):
 * for tests, development, and deployments that pin certificates instead of running a CA.
 *
 * {@snippet :
 * SelfSignedCertificate cert = SelfSignedCertificate.builder()
 *         .commonName("lightstream-dev")
 *         .dnsNames("localhost")
 *         .ipAddresses("127.0.0.1", "::1")
 *         .validFor(Duration.ofDays(30))
 *         .build();                                    // EC P-256 unless .rsa(bits)
 * TlsConfig server = TlsConfig.server(cert.identity()).build();
 * TlsConfig client = TlsConfig.client().trust(TlsTrust.pinnedSha256(cert.sha256Fingerprint())).build();
 * cert.writePem(Path.of("cert.pem"), Path.of("key.pem"));
 * }
 *
 * <p>The certificate is X.509 v3 with a random 128-bit serial, the common name as subject and
 * issuer, the DNS names and IP addresses as subject alternative names (which hostname verification
 * checks), basic constraints {@code cA=false}, key usage for TLS (digital signature, plus key
 * encipherment for RSA) and extended key usage for both server and client authentication. It is
 * signed with SHA256withECDSA (EC P-256) or SHA256withRSA.
 */
public final class SelfSignedCertificate {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A builder with the defaults: CN=localhost, DNS localhost, IP 127.0.0.1 and ::1, EC P-256, one year. */
    public static Builder builder() {
        return new Builder();
    }

    /** A certificate with the builder's defaults, for the local machine. */
    public static SelfSignedCertificate forLocalhost() {
        return builder().build();
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The private key of the certificate's public key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate as PEM. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** The private key as PKCS#8 PEM (unencrypted: keep it private). */
    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    /** The SHA-256 fingerprint of the certificate, {@code AB:CD:...}, as {@link TlsTrust#pinnedSha256} takes it. */
    public String sha256Fingerprint() {
        return TlsTrust.sha256Fingerprint(certificate);
    }

    /** This certificate and key as a TLS identity. */
    public TlsIdentity identity() {
        return TlsIdentity.of(privateKey, List.of(certificate));
    }

    /** Trust in exactly this certificate, as a trust anchor (with the usual checks: dates, host name). */
    public TlsTrust trust() {
        return TlsTrust.of(List.of(certificate));
    }

    /**
     * Writes the certificate and the key as PEM files; the key file is readable by its owner only
     * where the file system has POSIX permissions.
     */
    public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
        Files.writeString(certificateFile, certificatePem(), StandardCharsets.US_ASCII);
        Files.deleteIfExists(privateKeyFile);
        try {
            Files.createFile(privateKeyFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            Files.createFile(privateKeyFile);
        }
        Files.writeString(privateKeyFile, privateKeyPem(), StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificate.getSubjectX500Principal() + ", SHA-256 " + sha256Fingerprint()
                + "]";
    }

    /** Settings of the certificate to generate. */
    public static final class Builder {
        private String commonName = "localhost";
        private List<String> dnsNames = List.of("localhost");
        private List<InetAddress> ipAddresses = List.of(InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("::1"));
        private Instant notBefore;
        private Instant notAfter;
        private Duration validity = Duration.ofDays(365);
        private int rsaBits; // 0: EC P-256
        private SecureRandom random;

        private Builder() {}

        /** The subject's (and issuer's) common name. */
        public Builder commonName(String name) {
            this.commonName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** DNS names for the subject alternative names (replacing the defaults). */
        public Builder dnsNames(String... names) {
            for (String name : names) {
                if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && c > 32)) {
                    throw new IllegalArgumentException("dnsName=\"" + name + "\" is not an ASCII host name");
                }
            }
            this.dnsNames = List.of(names);
            return this;
        }

        /**
         * IP addresses (literals, never resolved) for the subject alternative names (replacing the defaults).
         *
         * @throws IllegalArgumentException if one is not an IP literal
         */
        public Builder ipAddresses(String... literals) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : literals) {
                addresses.add(ipLiteral(literal));
            }
            this.ipAddresses = List.copyOf(addresses);
            return this;
        }

        private static InetAddress ipLiteral(String literal) {
            try {
                return InetAddress.ofLiteral(literal);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ipAddress=\"" + literal + "\" is not an IP literal", e);
            }
        }

        /** Valid from {@code notBefore} to {@code notAfter}. */
        public Builder validity(Instant notBefore, Instant notAfter) {
            if (!notBefore.isBefore(notAfter)) {
                throw new IllegalArgumentException("notBefore=" + notBefore + " is not before notAfter=" + notAfter);
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** Valid from an hour ago (clocks differ) for {@code duration}. */
        public Builder validFor(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration=" + duration + " must be positive");
            }
            this.validity = duration;
            this.notBefore = null;
            this.notAfter = null;
            return this;
        }

        /** An EC P-256 key (the default). */
        public Builder ec() {
            this.rsaBits = 0;
            return this;
        }

        /** An RSA key of {@code bits} bits (2048 or more). */
        public Builder rsa(int bits) {
            if (bits < 2048) {
                throw new IllegalArgumentException("bits=" + bits + " is below 2048");
            }
            this.rsaBits = bits;
            return this;
        }

        /** The randomness for the key and serial (a default {@link SecureRandom} if not set). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Generates the key pair and signs the certificate. */
        public SelfSignedCertificate build() {
            SecureRandom rng = random != null ? random : new SecureRandom();
            Instant from = notBefore != null ? notBefore : Instant.now().minus(1, ChronoUnit.HOURS);
            Instant until = notAfter != null ? notAfter : from.plus(validity).plus(1, ChronoUnit.HOURS);
            try {
                KeyPair keys = generate(rng);
                boolean rsa = rsaBits > 0;
                byte[] algorithm = rsa
                        ? Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.nullValue()) // sha256WithRSAEncryption
                        : Der.sequence(Der.oid("1.2.840.10045.4.3.2"));                    // ecdsa-with-SHA256
                byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
                byte[] serial = new byte[16];
                rng.nextBytes(serial);
                serial[0] = (byte) ((serial[0] & 0x7F) | 0x40); // positive, 16 bytes long
                byte[] tbs = Der.sequence(
                        Der.explicit(0, Der.integer(2)), // v3
                        Der.integer(new BigInteger(serial)),
                        algorithm,
                        name,
                        Der.sequence(Der.time(from), Der.time(until)),
                        name,
                        keys.getPublic().getEncoded(), // SubjectPublicKeyInfo
                        Der.explicit(3, extensions(rsa)));
                Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
                signer.initSign(keys.getPrivate(), rng);
                signer.update(tbs);
                byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                return new SelfSignedCertificate(certificate, keys.getPrivate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK cannot make a self-signed certificate: " + e.getMessage(), e);
            }
        }

        private KeyPair generate(SecureRandom rng) throws GeneralSecurityException {
            if (rsaBits > 0) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(rsaBits, rng);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), rng);
            return generator.generateKeyPair();
        }

        private byte[] extensions(boolean rsa) {
            List<byte[]> names = new ArrayList<>();
            for (String dns : dnsNames) {
                names.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII))); // dNSName [2] IA5String
            }
            for (InetAddress ip : ipAddresses) {
                names.add(Der.implicit(7, ip.getAddress())); // iPAddress [7] OCTET STRING
            }
            List<byte[]> extensions = new ArrayList<>();
            // basicConstraints, critical: an end entity (cA defaults to false, so the sequence is empty).
            extensions.add(Der.sequence(Der.oid("2.5.29.19"), Der.bool(true), Der.octetString(Der.sequence())));
            // keyUsage, critical: digitalSignature (bit 0), and keyEncipherment (bit 2) for RSA key exchange.
            byte[] keyUsage = rsa ? Der.bitString(new byte[] {(byte) 0xA0}, 5) : Der.bitString(new byte[] {(byte) 0x80}, 7);
            extensions.add(Der.sequence(Der.oid("2.5.29.15"), Der.bool(true), Der.octetString(keyUsage)));
            // extKeyUsage: TLS server and client.
            extensions.add(Der.sequence(Der.oid("2.5.29.37"),
                    Der.octetString(Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH)))));
            if (!names.isEmpty()) {
                extensions.add(Der.sequence(Der.oid("2.5.29.17"),
                        Der.octetString(Der.sequence(names.toArray(byte[][]::new)))));
            }
            return Der.sequence(extensions.toArray(byte[][]::new));
        }
    }
}
