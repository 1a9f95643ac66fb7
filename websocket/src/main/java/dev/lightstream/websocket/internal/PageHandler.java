package dev.lightstream.websocket.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the browser page from the jar's resources ({@code dev/lightstream/websocket/page/}) for
 * plain HTTP requests that are not the WebSocket upgrade: {@code /} is {@code index.html}; other
 * files by name; anything else 404. GET and HEAD only. The files are read once.
 */
@ChannelHandler.Sharable
final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String RESOURCES = "/dev/lightstream/websocket/page/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    static final PageHandler INSTANCE = new PageHandler();

    private final Map<String, byte[]> files;

    private PageHandler() {
        this.files = Map.of("/index.html", load("index.html"), "/app.js", load("app.js"));
    }

    private static byte[] load(String name) {
        try (InputStream in = PageHandler.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                // The bundle is built by websocket/web (npm); a jar without it is a broken build.
                return ("missing resource " + RESOURCES + name + ": build the websocket module with Maven")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the page's files are in the jar. */
    static boolean present() {
        return PageHandler.class.getResource(RESOURCES + "app.js") != null
                && PageHandler.class.getResource(RESOURCES + "index.html") != null;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain",
                    "GET or HEAD only\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals("/")) {
            path = "/index.html";
        }
        byte[] body = files.get(path);
        if (body == null) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain",
                    ("no such page: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        respond(ctx, request, HttpResponseStatus.OK, TYPES.getOrDefault(extension, "application/octet-stream"), body);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String type, byte[] body) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
        boolean keepAlive = HttpUtil.isKeepAlive(request) && status.code() < 400;
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
