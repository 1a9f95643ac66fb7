package dev.lightstream.websocket.internal;

import dev.lightstream.transport.spi.BridgeConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link dev.lightstream.transport.Connection} over the binary messages of one WebSocket: what the
 * peer sends arrives as one byte stream whatever its framing, and what is written leaves as binary
 * frames of at most {@link #MAX_FRAME} bytes.
 *
 * <p>Writes wrap the caller's buffers (no copy on the server side; a client must mask, which copies)
 * and wait until Netty has written them. The end of output is a close frame (1000): WebSocket has no
 * half-close, so the TCP connection is closed once both sides have sent theirs.
 */
final class WebSocketConnection extends BridgeConnection {
    /** Bytes per frame sent: small enough to interleave, large enough to cost little per byte. */
    static final int MAX_FRAME = 1 << 20;
    /** Bytes received and not yet read before the socket stops being read. */
    static final long RECEIVE_BUDGET = 8L << 20;

    private final Channel channel;
    private volatile boolean closeSent;
    private volatile boolean closeReceived;

    WebSocketConnection(Channel channel) {
        super(RECEIVE_BUDGET);
        this.channel = channel;
    }

    // ---- from the frame bridge, on the event loop ----

    void frame(ByteBuf content) {
        int count = content.nioBufferCount();
        if (count == 1) {
            received(content.nioBuffer(), content::release);
            return;
        }
        ByteBuffer[] parts = content.nioBuffers();
        for (int i = 0; i < parts.length; i++) {
            received(parts[i], i == parts.length - 1 ? content::release : () -> { });
        }
        if (parts.length == 0) {
            content.release();
        }
    }

    /** The peer's close frame: the end of its output. */
    void closeFrame(int code, String reason) {
        closeReceived = true;
        if (code == 1000 || code == 1001 || code == -1 || code == 1005) {
            receivedEnd();
        } else {
            failed(new dev.lightstream.websocket.WebSocketClosedException(code, reason));
        }
        if (closeSent) {
            channel.close(); // both close frames are out: the handshake is done
        }
    }

    void inactive() {
        if (!closeReceived) {
            failed(new java.io.EOFException("the WebSocket connection with " + channel.remoteAddress()
                    + " ended without a close frame (the peer went away)"));
        }
    }

    void error(Throwable cause) {
        failed(cause instanceof IOException io ? io : new IOException(cause.toString(), cause));
    }

    // ---- BridgeConnection ----

    @Override
    protected void pauseReceiving() {
        channel.config().setAutoRead(false);
    }

    @Override
    protected void resumeReceiving() {
        channel.config().setAutoRead(true);
        channel.read();
    }

    @Override
    protected void send(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (closeSent) {
            throw new IOException("the output of this WebSocket is shut down");
        }
        List<ChannelFuture> writes = new ArrayList<>();
        List<ByteBuf> frame = new ArrayList<>();
        int frameBytes = 0;
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer src = srcs[i].duplicate();
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), MAX_FRAME - frameBytes);
                ByteBuffer part = src.slice(src.position(), n);
                src.position(src.position() + n);
                frame.add(Unpooled.wrappedBuffer(part));
                frameBytes += n;
                if (frameBytes == MAX_FRAME) {
                    writes.add(channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toArray(ByteBuf[]::new)))));
                    frame.clear();
                    frameBytes = 0;
                }
            }
        }
        if (frameBytes > 0) {
            writes.add(channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toArray(ByteBuf[]::new)))));
        }
        channel.flush();
        for (ChannelFuture write : writes) {
            awaitInterruptibly(write);
        }
        for (int i = offset; i < offset + length; i++) {
            srcs[i].position(srcs[i].limit());
        }
    }

    @Override
    protected void sendEnd() throws IOException {
        if (closeSent) {
            return;
        }
        closeSent = true;
        ChannelFuture sent = channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        try {
            awaitInterruptibly(sent);
        } catch (IOException e) {
            if (!closeReceived) {
                throw e;
            }
            // The peer had closed its side and then the connection: the closing handshake is moot.
        }
        if (closeReceived) {
            channel.close();
        }
    }

    /**
     * Sends our close frame if not yet sent, then lets the peer's close frame arrive before the TCP
     * connection is closed (up to {@link #LINGER_MILLIS}): closing at once while the peer still sends
     * would make our kernel answer with a reset, which can destroy data the peer has not read yet.
     * Data frames arriving meanwhile are dropped. Never blocks.
     */
    @Override
    protected void closeTransport() {
        if (!channel.isActive() || closeReceived) {
            if (!closeSent && channel.isActive()) {
                closeSent = true;
                channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
            return;
        }
        if (!closeSent) {
            closeSent = true;
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        }
        channel.config().setAutoRead(true); // the peer's close frame may be behind data nobody reads now
        channel.read();
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, LINGER_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** How long a closed connection waits for the peer's close frame before closing TCP. */
    static final long LINGER_MILLIS = 5_000;

    @Override
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    @Override
    public String toString() {
        return "WebSocketConnection[" + channel.localAddress() + " -> " + channel.remoteAddress() + "]";
    }
}
