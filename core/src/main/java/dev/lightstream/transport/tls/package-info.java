/**
 * The TLS transport: {@link dev.lightstream.transport.tls.TlsTransport} runs TLS 1.3 and 1.2 with
 * the JDK's {@link javax.net.ssl.SSLEngine} over TCP (or any
 * {@link dev.lightstream.transport.Connection}), decrypting straight into the caller's buffers.
 *
 * <p>{@link dev.lightstream.transport.tls.TlsConfig} gathers one side's settings: a
 * {@link dev.lightstream.transport.tls.TlsIdentity} (PEM chain and PKCS#8 key, or a PKCS12/JKS
 * keystore), a {@link dev.lightstream.transport.tls.TlsTrust} (PEM CA bundle, truststore, the
 * system's CAs, or pinned SHA-256 fingerprints), {@link dev.lightstream.transport.tls.ClientAuth},
 * and hostname verification, on by default for clients.
 * {@link dev.lightstream.transport.tls.SelfSignedCertificate} makes a key pair and a certificate with
 * the JDK alone, for tests, development and pinned deployments.
 */
package dev.lightstream.transport.tls;
