package dev.lightstream.quic.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * The handler of one QUIC stream, on the event loop: bytes to the {@link QuicStreamConnection}, FIN
 * to the end of input, a reset or a closed connection to a typed failure. On a server it first
 * checks the {@link StreamPreamble} and only then hands the connection on; a stream that opens with
 * anything else is closed (reset). Never blocks.
 */
final class StreamBridge extends ChannelInboundHandlerAdapter {
    private final boolean server;
    private final Consumer<QuicStreamConnection> onOpen;
    private final Runnable onClose;
    private QuicStreamConnection connection;
    private int preamble;

    /** A server stream: {@code onOpen} gets the connection once the preamble has arrived. */
    static StreamBridge server(Consumer<QuicStreamConnection> onOpen) {
        return new StreamBridge(true, onOpen, () -> { });
    }

    /** A client stream: {@code onOpen} gets the connection at once; {@code onClose} runs when it is done. */
    static StreamBridge client(Consumer<QuicStreamConnection> onOpen, Runnable onClose) {
        return new StreamBridge(false, onOpen, onClose);
    }

    private StreamBridge(boolean server, Consumer<QuicStreamConnection> onOpen, Runnable onClose) {
        this.server = server;
        this.onOpen = onOpen;
        this.onClose = onClose;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!server) {
            connection = new QuicStreamConnection((QuicStreamChannel) ctx.channel(), onClose);
            onOpen.accept(connection);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (server && preamble < StreamPreamble.BYTES.length) {
            while (preamble < StreamPreamble.BYTES.length && bytes.isReadable()) {
                if (bytes.readByte() != StreamPreamble.BYTES[preamble]) {
                    bytes.release();
                    ctx.close(); // not one of ours: reset the stream
                    return;
                }
                preamble++;
            }
            if (preamble < StreamPreamble.BYTES.length) {
                bytes.release();
                return;
            }
            connection = new QuicStreamConnection((QuicStreamChannel) ctx.channel(), onClose);
            onOpen.accept(connection);
        }
        if (connection == null || !bytes.isReadable()) {
            bytes.release();
            return;
        }
        connection.data(bytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            if (connection != null) {
                connection.fin();
            } else {
                ctx.close(); // FIN before the preamble: nothing to serve
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.inactive();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection != null) {
            connection.error(cause);
        }
        ctx.close();
    }
}
