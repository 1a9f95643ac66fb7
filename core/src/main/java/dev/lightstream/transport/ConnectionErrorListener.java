package dev.lightstream.transport;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * Told by a {@link ConnectionServer} what went wrong outside the caller's view: a handler that threw,
 * an accept that failed.
 *
 * {@snippet :
 * ServerOptions options = ServerOptions.defaults()
 *         .withErrorListener((remote, error) -> failures.add(error));
 * }
 *
 * <p>It runs on the thread that met the error and must not block for long.
 */
@FunctionalInterface
public interface ConnectionErrorListener {

    /**
     * Reports {@code error}.
     *
     * @param remote the peer of the connection concerned, or null for an accept failure
     */
    void onError(SocketAddress remote, Throwable error);

    /**
     * The default: logs through {@link System.Logger} {@code dev.lightstream.transport}, I/O errors
     * (peers that vanish are a fact of life) at DEBUG, anything else at WARNING. Never to stdout.
     */
    static ConnectionErrorListener logging() {
        System.Logger logger = System.getLogger("dev.lightstream.transport");
        return (remote, error) -> {
            System.Logger.Level level = error instanceof IOException ? System.Logger.Level.DEBUG
                    : System.Logger.Level.WARNING;
            if (logger.isLoggable(level)) {
                logger.log(level, (remote == null ? "accept failed" : "connection from " + remote + " failed"), error);
            }
        };
    }
}
