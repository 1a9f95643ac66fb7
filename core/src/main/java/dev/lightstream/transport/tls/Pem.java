package dev.lightstream.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM, the Base64 text form of certificates and keys: X.509 certificates
 * ({@code BEGIN CERTIFICATE}) and unencrypted PKCS#8 private keys ({@code BEGIN PRIVATE KEY}: RSA,
 * EC, EdDSA).
 *
 * {@snippet :
 * List<X509Certificate> chain = Pem.readCertificates(Path.of("server.crt"));   // leaf first
 * PrivateKey key = Pem.readPrivateKey(Path.of("server.key"));
 * String text = Pem.encode(chain.get(0));
 * }
 *
 * <p>Bad files raise {@link IOException} saying what was found and what was expected; keys in
 * older formats (PKCS#1 {@code BEGIN RSA PRIVATE KEY}, SEC 1 {@code BEGIN EC PRIVATE KEY}) or
 * encrypted ones are refused with the {@code openssl} command that converts them.
 */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS"};

    private Pem() {}

    /** One decoded block: its label and its DER bytes. */
    private record Block(String label, byte[] der) {}

    private static List<Block> blocks(String text, String source) throws IOException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": the " + m.group(1) + " block is not valid Base64: " + e.getMessage(), e);
            }
        }
        return blocks;
    }

    /**
     * The certificates in a PEM text, in order (for a chain: the leaf first).
     *
     * @throws IOException if there is none or one is malformed
     */
    public static List<X509Certificate> readCertificates(String pem) throws IOException {
        return readCertificates(pem, "PEM text");
    }

    /** The certificates in a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return readCertificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    private static List<X509Certificate> readCertificates(String pem, String source) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem, source)) {
                labels.add(block.label());
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(source + ": malformed certificate #" + (certificates.size() + 1) + ": "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(source + ": no BEGIN CERTIFICATE block (found " + describe(labels) + ")");
        }
        return certificates;
    }

    /**
     * The private key in a PEM text: exactly one unencrypted PKCS#8 {@code PRIVATE KEY} block.
     *
     * @throws IOException if there is no such block, several, or it is malformed
     */
    public static PrivateKey readPrivateKey(String pem) throws IOException {
        return readPrivateKey(pem, "PEM text");
    }

    /** The private key in a PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return readPrivateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    private static PrivateKey readPrivateKey(String pem, String source) throws IOException {
        List<Block> keys = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (Block block : blocks(pem, source)) {
            labels.add(block.label());
            switch (block.label()) {
                case "PRIVATE KEY" -> keys.add(block);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IOException(source + ": the key is in the old "
                        + block.label() + " format; convert it to PKCS#8 with: "
                        + "openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException(source + ": the key is encrypted; decrypt it "
                        + "with: openssl pkcs8 -in encrypted.key -out plain.key, or use a PKCS12 keystore");
                default -> { }
            }
        }
        if (keys.size() != 1) {
            throw new IOException(source + ": expected one BEGIN PRIVATE KEY block, found " + keys.size() + " (blocks: "
                    + describe(labels) + ")");
        }
        byte[] der = keys.get(0).der();
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException wrongAlgorithm) {
                // try the next
            } catch (GeneralSecurityException e) {
                // algorithm unavailable here: try the next
            }
        }
        throw new IOException(source + ": the PKCS#8 key is malformed or of an algorithm other than "
                + String.join(", ", KEY_ALGORITHMS));
    }

    private static String describe(Set<String> labels) {
        return labels.isEmpty() ? "no PEM blocks at all" : String.join(", ", labels);
    }

    /** The PEM text of a certificate. */
    public static String encode(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The PEM text of a private key, as PKCS#8. */
    public static String encode(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("key format=" + key.getFormat() + " is not PKCS#8");
        }
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /** A PEM block: the label lines around the Base64 of {@code der}, 64 characters a line. */
    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
