/**
 * The QUIC transport of Lightstream ({@code quic://}) on Netty's native QUIC codec (quiche): client
 * and server, TLS 1.3 with ALPN {@code lightstream}, one table stream per QUIC stream and several on
 * one connection. Found by the core through {@link dev.lightstream.transport.spi.TransportProvider}.
 */
module dev.lightstream.quic {
    requires dev.lightstream.core;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec.classes.quic;

    exports dev.lightstream.quic;

    provides dev.lightstream.transport.spi.TransportProvider with dev.lightstream.quic.internal.QuicProvider;
}
