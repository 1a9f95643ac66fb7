/**
 * Netty glue of the QUIC transport: the codecs, the stream bridge that feeds a
 * {@link dev.lightstream.transport.spi.BridgeConnection}, the acceptor. Not exported.
 */
package dev.lightstream.quic.internal;
