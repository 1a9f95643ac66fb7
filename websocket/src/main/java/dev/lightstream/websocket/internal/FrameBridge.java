package dev.lightstream.websocket.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The last handler of a WebSocket pipeline, on the event loop: once the opening handshake is done it
 * makes the {@link WebSocketConnection} and hands it on (to the acceptor on a server, to the waiting
 * caller on a client), then turns frames into bytes, close frames into the end of input, and errors
 * into typed failures. It never blocks.
 */
final class FrameBridge extends ChannelInboundHandlerAdapter {
    private final Consumer<WebSocketConnection> onOpen;
    private final CompletableFuture<WebSocketConnection> clientHandshake;
    private WebSocketConnection connection;

    /** For a server: {@code onOpen} gets each connection once upgraded. */
    static FrameBridge server(Consumer<WebSocketConnection> onOpen) {
        return new FrameBridge(onOpen, null);
    }

    /** For a client: {@code handshake} completes with the connection, or with why it failed. */
    static FrameBridge client(CompletableFuture<WebSocketConnection> handshake) {
        return new FrameBridge(handshake::complete, handshake);
    }

    private FrameBridge(Consumer<WebSocketConnection> onOpen, CompletableFuture<WebSocketConnection> clientHandshake) {
        this.onOpen = onOpen;
        this.clientHandshake = clientHandshake;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete
                || event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            connection = new WebSocketConnection(ctx.channel());
            onOpen.accept(connection);
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            failHandshake(new java.net.SocketTimeoutException("the WebSocket opening handshake with "
                    + ctx.channel().remoteAddress() + " timed out"));
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (connection == null) {
            ReferenceCountUtil.release(frame);
            return;
        }
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            connection.frame(frame.content()); // ownership passes: released once read
        } else if (frame instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            String reason = close.reasonText();
            close.release();
            connection.closeFrame(code, reason);
        } else {
            // Text frames have no place in a byte stream: refuse them as the RFC's 1003 says.
            String kind = frame.getClass().getSimpleName();
            frame.release();
            connection.error(new ProtocolException("the peer sent a " + kind
                    + "; a Lightstream WebSocket carries binary frames only"));
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
                    .addListener(f -> ctx.close());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.inactive();
        } else {
            failHandshake(new java.net.ConnectException("the WebSocket connection with " + ctx.channel().remoteAddress()
                    + " closed before the opening handshake was done"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (connection != null) {
            connection.error(root);
        } else if (root instanceof WebSocketClientHandshakeException) {
            failHandshake(new ProtocolException("the WebSocket opening handshake with " + ctx.channel().remoteAddress()
                    + " failed: " + root.getMessage()));
        } else {
            failHandshake(root instanceof IOException io ? io : new IOException(root.toString(), root));
        }
        ctx.close();
    }

    private void failHandshake(IOException cause) {
        if (clientHandshake != null) {
            clientHandshake.completeExceptionally(cause);
        }
    }
}
