package dev.lightstream.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @Test
    void makesAValidEcCertificate() throws Exception {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant until = Instant.parse("2055-06-30T12:00:00Z"); // after 2049: GeneralizedTime
        SelfSignedCertificate made = SelfSignedCertificate.builder()
                .commonName("lightstream test")
                .dnsNames("localhost", "db.example.com")
                .ipAddresses("127.0.0.1", "::1", "10.1.2.3")
                .validity(from, until)
                .build();
        X509Certificate cert = made.certificate();
        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=lightstream test");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(from);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(until);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        cert.verify(cert.getPublicKey()); // self-signed, correctly
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isGreaterThan(120);
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(cert.getKeyUsage()).startsWith(true, false, false); // digitalSignature only
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(2, "db.example.com"), List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1"), List.of(7, "10.1.2.3"));
    }

    @Test
    void makesAValidRsaCertificate() throws Exception {
        SelfSignedCertificate made = SelfSignedCertificate.builder().rsa(2048).validFor(Duration.ofDays(2)).build();
        X509Certificate cert = made.certificate();
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        cert.verify(cert.getPublicKey());
        cert.checkValidity();
        assertThat(cert.getKeyUsage()).startsWith(true, false, true); // digitalSignature, keyEncipherment
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(2).plusHours(1)); // from an hour ago
    }

    @Test
    void fingerprintIsTheSha256OfTheDer() throws Exception {
        SelfSignedCertificate made = SelfSignedCertificate.forLocalhost();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(made.certificate().getEncoded());
        assertThat(made.sha256Fingerprint()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        assertThat(made.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void pemRoundTrips(@TempDir Path dir) throws Exception {
        SelfSignedCertificate made = SelfSignedCertificate.forLocalhost();
        assertThat(made.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
        assertThat(made.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(made.certificatePem().lines().filter(l -> !l.startsWith("-----")))
                .allMatch(line -> line.length() <= 64);
        assertThat(Pem.readCertificates(made.certificatePem())).containsExactly(made.certificate());
        assertThat(Pem.readPrivateKey(made.privateKeyPem())).isEqualTo(made.privateKey());
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        made.writePem(cert, key);
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        TlsIdentity identity = TlsIdentity.fromPem(cert, key);
        assertThat(identity.chain()).containsExactly(made.certificate());
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> SelfSignedCertificate.builder().ipAddresses("not-an-ip"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP literal");
        assertThatThrownBy(() -> SelfSignedCertificate.builder().rsa(1024)).isInstanceOf(IllegalArgumentException.class);
        Instant now = Instant.now();
        assertThatThrownBy(() -> SelfSignedCertificate.builder().validity(now, now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derEncodesLengthsOidsAndTimes() {
        assertThat(HexFormat.of().formatHex(Der.oid("1.2.840.113549.1.1.11"))).isEqualTo("06092a864886f70d01010b");
        assertThat(HexFormat.of().formatHex(Der.oid("2.5.29.17"))).isEqualTo("0603551d11");
        assertThat(HexFormat.of().formatHex(Der.integer(0))).isEqualTo("020100");
        assertThat(HexFormat.of().formatHex(Der.integer(128))).isEqualTo("02020080");
        assertThat(HexFormat.of().formatHex(Der.tlv(0x04, new byte[127]))).startsWith("047f");
        assertThat(HexFormat.of().formatHex(Der.tlv(0x04, new byte[128]))).startsWith("048180");
        assertThat(HexFormat.of().formatHex(Der.tlv(0x04, new byte[300]))).startsWith("0482012c");
        assertThat(new String(Der.time(Instant.parse("2049-12-31T23:59:59Z")), 2, 13,
                java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("491231235959Z");
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
        assertThat(InetAddress.ofLiteral("::1").getAddress()).hasSize(16);
    }
}
