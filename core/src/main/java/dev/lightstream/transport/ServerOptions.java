package dev.lightstream.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ConnectionServer} runs: how many connections it serves at once, how long
 * {@link ConnectionServer#close()} lets handlers finish, and where errors go.
 *
 * {@snippet :
 * ServerOptions options = ServerOptions.defaults()
 *         .withMaxConnections(256)                       // the 257th waits in the listen backlog
 *         .withShutdownGrace(Duration.ofSeconds(2));
 * }
 *
 * @param maxConnections connections served at once; beyond it the server stops accepting until one
 *     ends, leaving new clients in the kernel's listen backlog
 * @param shutdownGrace how long {@link ConnectionServer#close()} waits for handlers to finish on their
 *     own before closing their connections
 * @param errorListener where handler and accept failures go
 */
public record ServerOptions(int maxConnections, Duration shutdownGrace, ConnectionErrorListener errorListener) {

    /**
     * @throws IllegalArgumentException if {@code maxConnections} is not positive or the grace is negative
     */
    public ServerOptions {
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections=" + maxConnections + " must be positive");
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace=" + shutdownGrace + " is negative");
        }
        Objects.requireNonNull(errorListener, "errorListener");
    }

    /** 10,000 connections, a 5-second grace, errors logged ({@link ConnectionErrorListener#logging()}). */
    public static ServerOptions defaults() {
        return new ServerOptions(10_000, Duration.ofSeconds(5), ConnectionErrorListener.logging());
    }

    public ServerOptions withMaxConnections(int max) {
        return new ServerOptions(max, shutdownGrace, errorListener);
    }

    public ServerOptions withShutdownGrace(Duration grace) {
        return new ServerOptions(maxConnections, grace, errorListener);
    }

    public ServerOptions withErrorListener(ConnectionErrorListener listener) {
        return new ServerOptions(maxConnections, shutdownGrace, listener);
    }
}
