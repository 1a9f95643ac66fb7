package dev.lightstream.transport.tls;

/** Whether a TLS server asks clients for a certificate. */
public enum ClientAuth {
    /** Clients are not asked for a certificate. */
    NONE,
    /** Clients are asked; one that sends none is accepted, one that sends an untrusted one is refused. */
    OPTIONAL,
    /** Clients must present a trusted certificate; the handshake fails without one. */
    REQUIRED
}
