package dev.lightstream.cli;

import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.tls.ClientAuth;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsIdentity;
import dev.lightstream.transport.tls.TlsTrust;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The TLS options of {@code serve} and {@code convert}, and the {@link TlsConfig} they make.
 *
 * <ul>
 *   <li>{@code --cert PEM --key PEM}: this side's certificate chain and private key (a server's
 *       identity; a client's for client authentication). A server without them makes a self-signed
 *       certificate and prints its SHA-256 fingerprint on stderr, for clients to pin.</li>
 *   <li>{@code --trust PEM}: CA certificates to trust. On a client, the server's; on a server, the
 *       clients', which then must present a certificate.</li>
 *   <li>{@code --trust-fingerprint HEX}: a client trusts exactly the certificate with this SHA-256
 *       fingerprint (colons allowed), instead of checking its chain and host name.</li>
 *   <li>{@code --insecure}: a client trusts any certificate, with a warning on stderr.</li>
 * </ul>
 *
 * <p>Without any, a client trusts the system's CAs. The options only mean something with a
 * {@code tls://} endpoint; given with another, they are a usage error.
 */
final class TlsOptions {
    @Option(names = "--cert", paramLabel = "PEM",
            description = "TLS: this side's certificate chain (PEM), with --key")
    Path certificate;

    @Option(names = "--key", paramLabel = "PEM", description = "TLS: the private key of --cert (PEM, PKCS#8)")
    Path key;

    @Option(names = "--trust", paramLabel = "PEM",
            description = "TLS: CA certificates to trust (PEM): the server's on a client; on a server, the clients',"
                    + " which must then present one")
    Path trust;

    @Option(names = "--trust-fingerprint", paramLabel = "HEX",
            description = "TLS client: trust exactly the certificate with this SHA-256 fingerprint")
    String fingerprint;

    @Option(names = "--insecure",
            description = "TLS client: trust any certificate (encrypted, not authenticated; warns on stderr)")
    boolean insecure;

    /** True if any TLS option was given. */
    boolean any() {
        return certificate != null || key != null || trust != null || fingerprint != null || insecure;
    }

    /**
     * The client configuration for {@code endpoint}, or null for an endpoint that is not TLS.
     *
     * @param usageError makes the exception for a usage error
     */
    TlsConfig client(Endpoint endpoint, PrintWriter err, Function<String, RuntimeException> usageError)
            throws IOException {
        if (!(endpoint instanceof Endpoint.Tls)) {
            requireNone(endpoint, usageError);
            return null;
        }
        int trusts = (trust != null ? 1 : 0) + (fingerprint != null ? 1 : 0) + (insecure ? 1 : 0);
        if (trusts > 1) {
            throw usageError.apply("give one of --trust, --trust-fingerprint and --insecure");
        }
        TlsConfig.Builder builder = TlsConfig.client();
        if (trust != null) {
            builder.trust(TlsTrust.fromPem(trust));
        } else if (fingerprint != null) {
            builder.trust(pinned(usageError));
        } else if (insecure) {
            err.println("lightstream: warning: --insecure: the server's certificate is not checked; the data is"
                    + " encrypted, but whoever is in the middle can read and change it");
            builder.trust(TlsTrust.insecureAcceptAny());
        }
        TlsIdentity identity = identity(usageError);
        if (identity != null) {
            builder.identity(identity);
        }
        return builder.build();
    }

    /**
     * The server configuration for {@code endpoint}, or null for an endpoint that is not TLS. With no
     * {@code --cert}, a self-signed certificate for the endpoint's host, whose fingerprint goes to
     * {@code err}.
     */
    TlsConfig server(Endpoint endpoint, PrintWriter err, Function<String, RuntimeException> usageError)
            throws IOException {
        if (!(endpoint instanceof Endpoint.Tls tls)) {
            requireNone(endpoint, usageError);
            return null;
        }
        if (fingerprint != null || insecure) {
            throw usageError.apply("--trust-fingerprint and --insecure are client options");
        }
        TlsIdentity identity = identity(usageError);
        if (identity == null) {
            SelfSignedCertificate made = selfSigned(tls.host());
            identity = made.identity();
            err.println("lightstream: no --cert: serving with a self-signed certificate for " + tls.host()
                    + ", SHA-256 fingerprint " + made.sha256Fingerprint());
            err.println("lightstream: clients trust it with --trust-fingerprint " + made.sha256Fingerprint());
        }
        TlsConfig.Builder builder = TlsConfig.server(identity);
        if (trust != null) {
            builder.trust(TlsTrust.fromPem(trust)).clientAuth(ClientAuth.REQUIRED);
        }
        return builder.build();
    }

    private static SelfSignedCertificate selfSigned(String host) {
        SelfSignedCertificate.Builder builder = SelfSignedCertificate.builder();
        if (host.equals("localhost") || host.equals("0.0.0.0") || host.equals("::")) {
            return builder.build(); // localhost, 127.0.0.1 and ::1
        }
        try {
            InetAddress.ofLiteral(host); // an IP address: named as one
            return builder.commonName(host).dnsNames("localhost").ipAddresses("127.0.0.1", "::1", host).build();
        } catch (IllegalArgumentException notAnAddress) {
            return builder.commonName(host).dnsNames("localhost", host).build();
        }
    }

    private TlsIdentity identity(Function<String, RuntimeException> usageError) throws IOException {
        if ((certificate == null) != (key == null)) {
            throw usageError.apply("--cert and --key go together");
        }
        return certificate == null ? null : TlsIdentity.fromPem(certificate, key);
    }

    private TlsTrust pinned(Function<String, RuntimeException> usageError) {
        try {
            return TlsTrust.pinnedSha256(fingerprint);
        } catch (IllegalArgumentException e) {
            throw usageError.apply("--trust-fingerprint: " + e.getMessage());
        }
    }

    private void requireNone(Endpoint endpoint, Function<String, RuntimeException> usageError) {
        if (any()) {
            throw usageError.apply("TLS options (--cert, --key, --trust, --trust-fingerprint, --insecure) need a"
                    + " tls:// endpoint, not " + endpoint);
        }
    }
}
