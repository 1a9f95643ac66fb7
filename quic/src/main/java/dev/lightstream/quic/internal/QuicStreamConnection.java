package dev.lightstream.quic.internal;

import dev.lightstream.transport.spi.BridgeConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link dev.lightstream.transport.Connection} over one bidirectional QUIC stream. Reading pauses
 * (autoRead off) once {@link #RECEIVE_BUDGET} bytes wait unread, so QUIC's flow control stops the
 * peer; a write returns once the QUIC stack has taken the bytes (it holds them until acknowledged).
 * {@link #shutdownOutput()} sends FIN after everything written.
 *
 * <p>Closing with both directions finished leaves the stream to complete by itself (its data may
 * still await acknowledgement); closing earlier resets it, and the peer reads an error.
 */
final class QuicStreamConnection extends BridgeConnection {
    static final long RECEIVE_BUDGET = 8L << 20;

    private final QuicStreamChannel stream;
    private final Runnable onClose;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean outputEnded;
    private volatile boolean inputEnded;

    /**
     * @param onClose runs once the stream is done after {@link #close()} (a client that owns the
     *     QUIC connection closes it then)
     */
    QuicStreamConnection(QuicStreamChannel stream, Runnable onClose) {
        super(RECEIVE_BUDGET);
        this.stream = stream;
        this.onClose = onClose;
    }

    // ---- from the stream bridge, on the event loop ----

    void data(ByteBuf content) {
        if (content.nioBufferCount() == 1) {
            received(content.nioBuffer(), content::release);
            return;
        }
        ByteBuffer[] parts = content.nioBuffers();
        if (parts.length == 0) {
            content.release();
        }
        for (int i = 0; i < parts.length; i++) {
            received(parts[i], i == parts.length - 1 ? content::release : () -> { });
        }
    }

    void fin() {
        inputEnded = true;
        receivedEnd();
    }

    void inactive() {
        if (!inputEnded) {
            failed(new EOFException("the QUIC stream " + stream.streamId() + " with " + remoteAddress()
                    + " ended without FIN (reset, or the connection closed)"));
        }
        finished.complete(null);
    }

    void error(Throwable cause) {
        failed(cause instanceof IOException io ? io : new IOException("QUIC stream " + stream.streamId() + ": " + cause,
                cause));
    }

    // ---- BridgeConnection ----

    @Override
    protected void pauseReceiving() {
        stream.config().setAutoRead(false);
    }

    @Override
    protected void resumeReceiving() {
        stream.config().setAutoRead(true);
        stream.read();
    }

    @Override
    protected void send(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (outputEnded) {
            throw new IOException("the output of this QUIC stream is shut down");
        }
        ByteBuf[] parts = new ByteBuf[length];
        for (int i = 0; i < length; i++) {
            parts[i] = Unpooled.wrappedBuffer(srcs[offset + i].duplicate());
        }
        ChannelFuture write = stream.writeAndFlush(Unpooled.wrappedBuffer(parts));
        awaitInterruptibly(write);
        for (int i = offset; i < offset + length; i++) {
            srcs[i].position(srcs[i].limit());
        }
    }

    @Override
    protected void sendEnd() throws IOException {
        if (outputEnded) {
            return;
        }
        outputEnded = true;
        // A FIN frame queued behind every write, unlike shutdownOutput(), which would drop what is queued.
        awaitInterruptibly(stream.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true)));
    }

    @Override
    protected void closeTransport() {
        if (outputEnded && inputEnded) {
            // Both ends were sent and received: QUIC completes the stream once our data is acknowledged.
            finished.whenComplete((ignored, error) -> onClose.run());
            stream.eventLoop().schedule(() -> {
                if (!finished.isDone()) {
                    stream.close();
                }
            }, 10, java.util.concurrent.TimeUnit.SECONDS);
            return;
        }
        if (!outputEnded && stream.isActive()) {
            outputEnded = true;
            stream.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true));
        }
        stream.config().setAutoRead(true); // let the peer's end arrive; its data is dropped from now on
        stream.read();
        finished.whenComplete((ignored, error) -> onClose.run());
        stream.eventLoop().schedule(() -> {
            if (!finished.isDone()) {
                stream.close();
            }
        }, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    long streamId() {
        return stream.streamId();
    }

    @Override
    public SocketAddress localAddress() {
        return stream.parent().localSocketAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return stream.parent().remoteSocketAddress();
    }

    @Override
    public String toString() {
        return "QuicStreamConnection[stream " + stream.streamId() + " with " + remoteAddress() + "]";
    }
}
