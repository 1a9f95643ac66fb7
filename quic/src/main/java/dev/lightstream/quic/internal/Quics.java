package dev.lightstream.quic.internal;

import dev.lightstream.quic.QuicSession;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.spi.RefusalRecorder;
import dev.lightstream.transport.tls.TlsConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Builds QUIC servers and client sessions: the codecs, the UDP channels and the TLS contexts. */
public final class Quics {
    /** Flow-control windows: large enough that a window is not what limits a loopback or LAN stream. */
    static final long CONNECTION_WINDOW = 64L << 20;
    static final long STREAM_WINDOW = 16L << 20;
    static final long MAX_STREAMS = 256;
    static final long IDLE_SECONDS = 60;

    private Quics() {}

    /** Listens on {@code endpoint}; every stream a client opens (after its preamble) is a connection. */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        check(endpoint);
        Objects.requireNonNull(socket, "socket");
        if (tls == null || tls.isClient()) {
            throw new IllegalArgumentException(endpoint + " needs a server TlsConfig (QUIC always runs TLS 1.3)");
        }
        QuicAcceptor[] acceptor = new QuicAcceptor[1];
        io.netty.channel.group.ChannelGroup connections = new io.netty.channel.group.DefaultChannelGroup(
                io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(QuicTls.server(tls))
                .maxIdleTimeout(IDLE_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamsBidirectional(MAX_STREAMS)
                .initialMaxStreamsUnidirectional(0)
                // Address validation tokens guard against spoofed floods on public servers; the
                // insecure handler skips the extra round trip (documented in docs/transports.md).
                .tokenHandler(NoRetryTokens.INSTANCE)
                .handler(new Tracker(connections))
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        stream.pipeline().addLast(StreamBridge.server(connection -> acceptor[0].offer(connection)));
                    }
                })
                .build();
        Bootstrap bootstrap = new Bootstrap().group(EventLoops.group()).channel(NioDatagramChannel.class).handler(codec);
        buffers(bootstrap, socket);
        Channel udp = await(bootstrap.bind(resolve(endpoint)), endpoint, "bind").channel();
        acceptor[0] = new QuicAcceptor(udp, connections, endpoint, socket.readTimeout());
        return acceptor[0];
    }

    /** Opens a QUIC connection to {@code endpoint}, handshake done. */
    public static QuicSession open(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        check(endpoint);
        Objects.requireNonNull(socket, "socket");
        if (tls != null && !tls.isClient()) {
            throw new IllegalArgumentException(endpoint + " needs a client TlsConfig, not " + tls);
        }
        TlsConfig client = tls != null ? tls : TlsConfig.client().build();
        // BoringSSL reports a refused certificate as CERTIFICATE_VERIFY_FAILED: the recorder keeps the
        // trust manager's words (which certificate, and why) for the exception.
        RefusalRecorder trust = new RefusalRecorder(client.trust().trustManager());
        ChannelHandler codec = new QuicClientCodecBuilder()
                .sslContext(QuicTls.client(client, trust))
                .maxIdleTimeout(IDLE_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamsBidirectional(0) // the server opens no streams to us
                .initialMaxStreamsUnidirectional(0)
                .build();
        Bootstrap bootstrap = new Bootstrap().group(EventLoops.group()).channel(NioDatagramChannel.class).handler(codec);
        buffers(bootstrap, socket);
        InetSocketAddress remote = resolve(endpoint);
        InetSocketAddress local = new InetSocketAddress(remote.getAddress().isLoopbackAddress()
                ? remote.getAddress() : null, 0);
        Channel udp = await(bootstrap.bind(local.getAddress() == null ? new InetSocketAddress(0) : local), endpoint,
                "bind a UDP socket for").channel();
        // A connected socket hears the ICMP "port unreachable" of a server that is gone (killed, or
        // closed before its CONNECTION_CLOSE got out): the session then fails at once, not at the idle timeout.
        await(udp.connect(remote), endpoint, "connect a UDP socket to");
        // Before the handshake too: nobody listening at the address answers with "port unreachable",
        // which fails the connect at once (instead of after the handshake timeout, with Netty's warning
        // about an unhandled exception).
        java.util.concurrent.atomic.AtomicReference<QuicChannel> session = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean unreachable = new java.util.concurrent.atomic.AtomicBoolean();
        udp.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                if (cause instanceof java.net.PortUnreachableException) {
                    unreachable.set(true);
                    QuicChannel quic = session.get();
                    if (quic != null) {
                        quic.close();
                    }
                    ctx.close();
                }
            }
        });
        Future<QuicChannel> connected = QuicChannel.newBootstrap(udp)
                .handler(new ChannelInboundHandlerAdapter())
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(remote)
                .connect();
        long millis = socket.connectTimeout().isZero() ? 30_000 : Math.max(1, socket.connectTimeout().toMillis());
        try {
            if (!connected.await(millis, TimeUnit.MILLISECONDS)) {
                udp.close();
                throw new java.net.SocketTimeoutException("no QUIC handshake with " + endpoint + " within " + millis
                        + " ms");
            }
        } catch (InterruptedException e) {
            udp.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + endpoint);
        }
        if (!connected.isSuccess()) {
            udp.close();
            Throwable cause = connected.cause();
            javax.net.ssl.SSLHandshakeException refused = trust.refusal("QUIC handshake with " + endpoint);
            if (refused != null) {
                throw refused;
            }
            if (cause instanceof javax.net.ssl.SSLException ssl) {
                throw ssl;
            }
            if (unreachable.get()) {
                throw new java.net.ConnectException("QUIC connection to " + endpoint + " refused: nothing listens there"
                        + " (ICMP port unreachable)");
            }
            throw new java.net.ConnectException("QUIC connection to " + endpoint + " failed: " + cause);
        }
        QuicChannel quic = connected.getNow();
        session.set(quic);
        if (unreachable.get()) {
            quic.close(); // the server went away between the handshake and here
        }
        return new QuicClientSession(udp, quic, socket.readTimeout());
    }

    /** A connection on a stream of its own session: closing it closes the QUIC connection once the stream is done. */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        QuicClientSession session = (QuicClientSession) open(endpoint, socket, tls);
        try {
            return session.open(session::close);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Keeps every QUIC connection of a server in a group, to close them all with it; one instance for all. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Tracker extends ChannelInboundHandlerAdapter {
        private final io.netty.channel.group.ChannelGroup connections;

        Tracker(io.netty.channel.group.ChannelGroup connections) {
            this.connections = connections;
        }

        @Override
        public void handlerAdded(io.netty.channel.ChannelHandlerContext ctx) {
            connections.add(ctx.channel()); // the group forgets it when it closes
        }
    }

    private static void buffers(Bootstrap bootstrap, SocketOptions socket) {
        // QUIC sends bursts of datagrams: a small receive buffer drops them and costs retransmissions.
        bootstrap.option(ChannelOption.SO_RCVBUF, socket.receiveBufferSize() > 0 ? socket.receiveBufferSize() : 4 << 20);
        bootstrap.option(ChannelOption.SO_SNDBUF, socket.sendBufferSize() > 0 ? socket.sendBufferSize() : 4 << 20);
    }

    private static void check(Endpoint.Url endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!endpoint.scheme().equals("quic")) {
            throw new IllegalArgumentException(endpoint + " is not a quic:// endpoint");
        }
    }

    private static InetSocketAddress resolve(Endpoint.Url endpoint) throws UnknownHostException {
        InetSocketAddress address = endpoint.socketAddress();
        if (address.isUnresolved()) {
            throw new UnknownHostException(endpoint.host());
        }
        return address;
    }

    private static ChannelFuture await(ChannelFuture future, Endpoint.Url endpoint, String what) throws IOException {
        try {
            future.await();
        } catch (InterruptedException e) {
            future.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + what + " " + endpoint);
        }
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot " + what + " " + endpoint + ": " + cause, cause);
        }
        return future;
    }
}
