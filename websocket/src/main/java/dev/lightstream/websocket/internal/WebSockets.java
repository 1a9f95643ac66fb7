package dev.lightstream.websocket.internal;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.tls.TlsConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;

/** Builds WebSocket servers and clients: the Netty bootstraps and pipelines. */
public final class WebSockets {
    /** The path of the stream when an endpoint names none. */
    public static final String DEFAULT_PATH = "/stream";
    /** The largest frame accepted from a peer; our own frames are at most 1 MiB. */
    static final int MAX_FRAME_PAYLOAD = 16 << 20;
    private static final long HANDSHAKE_MILLIS = 10_000;

    private WebSockets() {}

    /** Listens on {@code endpoint}: the page at {@code /}, WebSocket upgrades at the endpoint's path. */
    public static Acceptor bind(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        Objects.requireNonNull(socket, "socket");
        boolean secure = secure(endpoint);
        if (secure && (tls == null || tls.isClient())) {
            throw new IllegalArgumentException(endpoint + " needs a server TlsConfig (its certificate and key)");
        }
        String path = endpoint.path().isEmpty() || endpoint.path().equals("/") ? DEFAULT_PATH : endpoint.path();
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .handleCloseFrames(false) // we answer close frames once our own output has ended
                .handshakeTimeoutMillis(HANDSHAKE_MILLIS)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                        .allowExtensions(false).build())
                .build();
        WebSocketAcceptor[] acceptor = new WebSocketAcceptor[1];
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(EventLoops.group())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, socket.tcpNoDelay())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (secure) {
                            pipeline.addLast(new SslHandler(tls.newEngine(null, 0)));
                        }
                        pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerProtocolHandler(protocol), PageHandler.INSTANCE,
                                FrameBridge.server(connection -> acceptor[0].offer(connection, channel)));
                    }
                });
        if (socket.backlog() > 0) {
            bootstrap.option(ChannelOption.SO_BACKLOG, socket.backlog());
        }
        if (socket.receiveBufferSize() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, socket.receiveBufferSize());
        }
        if (socket.sendBufferSize() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, socket.sendBufferSize());
        }
        InetSocketAddress address = resolve(endpoint);
        ChannelFuture bound = bootstrap.bind(address);
        Channel server = await(bound, endpoint, "bind").channel();
        acceptor[0] = new WebSocketAcceptor(server, endpoint, path, socket.readTimeout());
        return acceptor[0];
    }

    /** Connects to {@code endpoint} (path {@value #DEFAULT_PATH} if it names none) and runs the opening handshake. */
    public static Connection connect(Endpoint.Url endpoint, SocketOptions socket, TlsConfig tls) throws IOException {
        Objects.requireNonNull(socket, "socket");
        boolean secure = secure(endpoint);
        if (tls != null && !tls.isClient()) {
            throw new IllegalArgumentException(endpoint + " needs a client TlsConfig, not " + tls);
        }
        TlsConfig clientTls = secure && tls == null ? TlsConfig.client().build() : tls;
        String path = endpoint.path().isEmpty() ? DEFAULT_PATH : endpoint.path();
        URI uri = URI.create(endpoint.withPath(path).toString());
        WebSocketClientProtocolConfig protocol = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .handleCloseFrames(false)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .handshakeTimeoutMillis(HANDSHAKE_MILLIS)
                .allowExtensions(false)
                .build();
        CompletableFuture<WebSocketConnection> handshake = new CompletableFuture<>();
        long connectMillis = socket.connectTimeout().isZero() ? 30_000 : Math.max(1, socket.connectTimeout().toMillis());
        Bootstrap bootstrap = new Bootstrap()
                .group(EventLoops.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, socket.tcpNoDelay())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (secure) {
                            SSLEngine engine = clientTls.newEngine(endpoint.host(), endpoint.port());
                            pipeline.addLast(new SslHandler(engine));
                        }
                        pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(protocol), FrameBridge.client(handshake));
                    }
                });
        if (socket.receiveBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, socket.receiveBufferSize());
        }
        if (socket.sendBufferSize() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, socket.sendBufferSize());
        }
        Channel channel = await(bootstrap.connect(resolve(endpoint)), endpoint, "connect").channel();
        try {
            WebSocketConnection connection = handshake.get(connectMillis + HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
            connection.setReadTimeout(socket.readTimeout());
            return connection;
        } catch (ExecutionException e) {
            channel.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            channel.close();
            throw new java.net.SocketTimeoutException("the WebSocket opening handshake with " + endpoint + " timed out");
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + endpoint);
        }
    }

    static boolean secure(Endpoint.Url endpoint) {
        return switch (endpoint.scheme()) {
            case "ws" -> false;
            case "wss" -> true;
            default -> throw new IllegalArgumentException(endpoint + " is not a ws:// or wss:// endpoint");
        };
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
            throw new InterruptedIOException("interrupted during " + what + " of " + endpoint);
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
