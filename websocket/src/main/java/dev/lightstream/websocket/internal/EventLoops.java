package dev.lightstream.websocket.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one event loop group of the WebSocket transport, shared by every client and server of the
 * process and made on first use. Its threads are daemons, so it never keeps a JVM alive; it is never
 * shut down (a process-wide resource, like the JDK's own selector threads).
 */
final class EventLoops {
    private EventLoops() {}

    private static final class Holder {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("lightstream-websocket", true), NioIoHandler.newFactory());
    }

    static EventLoopGroup group() {
        return Holder.GROUP;
    }
}
