/**
 * The QUIC transport: {@link dev.lightstream.quic.QuicTransport} listens on and connects to
 * {@code quic://host:port}; each bidirectional QUIC stream is a
 * {@link dev.lightstream.transport.Connection}, and a {@link dev.lightstream.quic.QuicSession} carries
 * several concurrent streams on one QUIC connection. TLS 1.3 is built in (ALPN {@code lightstream}).
 */
package dev.lightstream.quic;
