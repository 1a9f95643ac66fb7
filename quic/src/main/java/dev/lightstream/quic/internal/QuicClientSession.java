package dev.lightstream.quic.internal;

import dev.lightstream.quic.QuicSession;
import dev.lightstream.transport.Connection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A client's QUIC connection: its UDP channel and QUIC channel; opens streams with the preamble. */
final class QuicClientSession implements QuicSession {
    private final Channel udp;
    private final QuicChannel quic;
    private final Duration readTimeout;

    QuicClientSession(Channel udp, QuicChannel quic, Duration readTimeout) {
        this.udp = udp;
        this.quic = quic;
        this.readTimeout = readTimeout;
        // The codec flushes datagrams lazily: flush the CONNECTION_CLOSE before the socket goes.
        quic.closeFuture().addListener(f -> udp.eventLoop().execute(() -> {
            udp.flush();
            udp.close();
        }));
    }

    @Override
    public Connection openStream() throws IOException {
        return open(() -> { });
    }

    /** Opens a stream; {@code onDone} runs once it is closed and finished. */
    Connection open(Runnable onDone) throws IOException {
        if (!quic.isActive()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        CompletableFuture<QuicStreamConnection> opened = new CompletableFuture<>();
        Future<QuicStreamChannel> created = quic.newStreamBootstrap()
                .type(QuicStreamType.BIDIRECTIONAL)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(StreamBridge.client(opened::complete, onDone))
                .create();
        try {
            if (!created.await(30, TimeUnit.SECONDS) || !created.isSuccess()) {
                Throwable cause = created.cause();
                throw new IOException("cannot open a QUIC stream to " + remoteAddress() + ": "
                        + (cause == null ? "timed out" : cause.getMessage()), cause);
            }
            QuicStreamConnection connection = opened.getNow(null);
            if (connection == null) {
                throw new IOException("the QUIC stream to " + remoteAddress() + " opened without its handler");
            }
            QuicStreamChannel stream = created.getNow();
            // The preamble makes the stream known to the server before the application writes anything.
            if (!stream.writeAndFlush(Unpooled.wrappedBuffer(StreamPreamble.BYTES)).await(30, TimeUnit.SECONDS)) {
                stream.close();
                throw new java.net.SocketTimeoutException("the QUIC stream preamble to " + remoteAddress()
                        + " was not taken");
            }
            connection.setReadTimeout(readTimeout);
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening a QUIC stream");
        }
    }

    @Override
    public SocketAddress remoteAddress() {
        return quic.remoteSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return quic.isActive();
    }

    @Override
    public void close() {
        quic.close(true, 0, Unpooled.EMPTY_BUFFER);
    }

    @Override
    public String toString() {
        return "QuicSession[" + quic.remoteSocketAddress() + "]";
    }
}
