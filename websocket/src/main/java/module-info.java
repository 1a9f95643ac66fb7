/**
 * The WebSocket transport of Lightstream ({@code ws://}, {@code wss://}) on Netty: client and server,
 * and the browser page the server shows at {@code /}. Found by the core through
 * {@link dev.lightstream.transport.spi.TransportProvider}.
 */
module dev.lightstream.websocket {
    requires dev.lightstream.core;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.handler;

    exports dev.lightstream.websocket;

    provides dev.lightstream.transport.spi.TransportProvider
            with dev.lightstream.websocket.internal.WebSocketProvider;
}
