package dev.lightstream.transport.tls;

import dev.lightstream.transport.internal.Timeouts;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The TLS settings of one side, client or server, built once and shared by every connection: the
 * identity, the trust, the protocol versions, client authentication, hostname verification, and the
 * handshake timeout. It holds the {@link SSLContext} made from them.
 *
 * {@snippet :
 * TlsConfig server = TlsConfig.server(TlsIdentity.fromPem(chainPem, keyPem))
 *         .clientAuth(ClientAuth.REQUIRED)
 *         .trust(TlsTrust.fromPem(Path.of("clients-ca.pem")))
 *         .build();
 * TlsConfig client = TlsConfig.client()
 *         .trust(TlsTrust.fromPem(Path.of("ca.pem")))          // default: the system's CAs
 *         .identity(TlsIdentity.fromPem(myChain, myKey))         // for client authentication
 *         .build();                                              // TLS 1.3 and 1.2, hostname verified
 * }
 *
 * <p>Defaults: TLS 1.3 and 1.2 (nothing older), the JDK's cipher suites, hostname verification on
 * for clients (RFC 2818 rules, against the host given to connect, or {@link Builder#serverName}),
 * no client authentication, a 10-second handshake timeout.
 */
public final class TlsConfig {
    /** The protocol versions enabled unless the builder says otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final boolean client;
    private final TlsIdentity identity;
    private final TlsTrust trust;
    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final ClientAuth clientAuth;
    private final boolean verifyHostname;
    private final String serverName;
    private final Duration handshakeTimeout;
    private final Duration closeTimeout;

    private TlsConfig(Builder b, SSLContext context) {
        this.client = b.client;
        this.identity = b.identity;
        this.trust = b.trust != null ? b.trust : TlsTrust.systemDefault();
        this.context = context;
        this.protocols = b.protocols.toArray(String[]::new);
        this.cipherSuites = b.cipherSuites == null ? null : b.cipherSuites.toArray(String[]::new);
        this.clientAuth = b.clientAuth;
        this.verifyHostname = b.verifyHostname && !(b.trust != null && b.trust.isPinned());
        this.serverName = b.serverName;
        this.handshakeTimeout = b.handshakeTimeout;
        this.closeTimeout = b.closeTimeout;
    }

    /** A builder for a client; trust defaults to the system's CAs. */
    public static Builder client() {
        return new Builder(true, null);
    }

    /** A builder for a server presenting {@code identity}. */
    public static Builder server(TlsIdentity identity) {
        return new Builder(false, Objects.requireNonNull(identity, "identity"));
    }

    /** True for a client configuration. */
    public boolean isClient() {
        return client;
    }

    /** How long a handshake may take before it fails with {@link java.net.SocketTimeoutException}. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** How long closing may wait to send close_notify to a peer that does not read. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The SSL context, for callers that need it elsewhere. */
    public SSLContext sslContext() {
        return context;
    }

    /** The identity this side presents, if any (always present on servers). */
    public java.util.Optional<TlsIdentity> identity() {
        return java.util.Optional.ofNullable(identity);
    }

    /** The trust in the peer's certificates (the system's CAs unless set). */
    public TlsTrust trust() {
        return trust;
    }

    /** True when a client checks the host name against the server's certificate (not with pinned trust). */
    public boolean verifiesHostname() {
        return client && verifyHostname;
    }

    /** The protocol versions enabled. */
    public List<String> protocols() {
        return List.of(protocols);
    }

    /**
     * A new engine set up for this side, for transports that run TLS themselves (a Netty
     * {@code SslHandler}, say); {@code peerHost} is what a client verifies (null on servers).
     */
    public SSLEngine newEngine(String peerHost, int peerPort) {
        SSLEngine engine;
        if (client) {
            String host = serverName != null ? serverName : peerHost;
            engine = context.createSSLEngine(host, peerPort);
        } else {
            engine = context.createSSLEngine();
        }
        engine.setUseClientMode(client);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites);
        }
        if (client) {
            if (verifyHostname) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (serverName != null) {
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
            }
        } else {
            parameters.setNeedClientAuth(clientAuth == ClientAuth.REQUIRED);
            if (clientAuth == ClientAuth.OPTIONAL) {
                parameters.setWantClientAuth(true);
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (client ? "client" : "server") + ", protocols=" + Arrays.toString(protocols)
                + (client ? ", verifyHostname=" + verifyHostname : ", clientAuth=" + clientAuth) + "]";
    }

    /** Builds a {@link TlsConfig}. */
    public static final class Builder {
        private final boolean client;
        private TlsIdentity identity;
        private TlsTrust trust;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean verifyHostname = true;
        private String serverName;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(1);

        private Builder(boolean client, TlsIdentity identity) {
            this.client = client;
            this.identity = identity;
        }

        /** Which peer certificates to accept: the server's (clients) or clients' (servers with client auth). */
        public Builder trust(TlsTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The certificate this side presents (required for servers; for clients, client authentication). */
        public Builder identity(TlsIdentity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** The protocol versions to enable, such as {@code "TLSv1.3"}. */
        public Builder protocols(String... protocols) {
            if (protocols.length == 0) {
                throw new IllegalArgumentException("no protocols given");
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /** The cipher suites to enable (the JDK's defaults otherwise). */
        public Builder cipherSuites(String... suites) {
            this.cipherSuites = List.of(suites);
            return this;
        }

        /** Servers: whether to ask clients for certificates. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * Clients: whether to check that the server's certificate names the host connected to (on by
         * default; pinned trust needs no such check and skips it).
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /**
         * Clients: the host name to send (SNI) and verify, when it differs from the host connected to
         * (an IP address, a tunnel).
         */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** How long a handshake may take; {@link Duration#ZERO} for no limit. */
        public Builder handshakeTimeout(Duration timeout) {
            Timeouts.toNanos(timeout, "handshakeTimeout");
            this.handshakeTimeout = timeout;
            return this;
        }

        /** How long closing may wait to deliver close_notify to a peer that does not read. */
        public Builder closeTimeout(Duration timeout) {
            if (Timeouts.toNanos(timeout, "closeTimeout") == 0) {
                throw new IllegalArgumentException("closeTimeout must be positive");
            }
            this.closeTimeout = timeout;
            return this;
        }

        /**
         * Builds the configuration and its SSL context.
         *
         * @throws IllegalStateException if a server has client authentication but no trust for client certificates
         * @throws IllegalArgumentException if a protocol or cipher suite is not supported
         */
        public TlsConfig build() {
            if (!client && clientAuth != ClientAuth.NONE && trust == null) {
                throw new IllegalStateException("clientAuth=" + clientAuth
                        + " needs trust(...) saying which client certificates to accept");
            }
            if (serverName != null && !client) {
                throw new IllegalStateException("serverName is a client setting");
            }
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                TlsTrust effectiveTrust = trust != null ? trust : TlsTrust.systemDefault();
                context.init(identity == null ? null : identity.keyManagers(),
                        new TrustManager[] {effectiveTrust.trustManager()}, null);
                List<String> supported = List.of(context.getSupportedSSLParameters().getProtocols());
                for (String protocol : protocols) {
                    if (!supported.contains(protocol)) {
                        throw new IllegalArgumentException("protocol=" + protocol + " is not supported; supported: "
                                + supported);
                    }
                }
                if (cipherSuites != null) {
                    List<String> suites = List.of(context.getSupportedSSLParameters().getCipherSuites());
                    for (String suite : cipherSuites) {
                        if (!suites.contains(suite)) {
                            throw new IllegalArgumentException("cipherSuite=" + suite + " is not supported");
                        }
                    }
                }
                return new TlsConfig(this, context);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
    }
}
