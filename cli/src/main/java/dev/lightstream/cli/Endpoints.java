package dev.lightstream.cli;

import dev.lightstream.transport.Endpoint;
import java.util.function.Function;

/**
 * Endpoints on the command line: {@code tcp://HOST:PORT}, {@code tls://HOST:PORT}, {@code unix:///PATH},
 * {@code -}, and the transports of the optional modules, {@code ws://} and {@code wss://HOST:PORT[/PATH]}
 * (WebSocket), {@code quic://HOST:PORT} and {@code https://HOST:PORT/PATH} (WebTransport).
 */
final class Endpoints {
    private Endpoints() {}

    /** True if {@code argument} names a network endpoint rather than a path ({@code -} is neither). */
    static boolean isNetwork(String argument) {
        return argument.startsWith("tcp://") || argument.startsWith("tls://") || argument.startsWith("unix:")
                || argument.startsWith("ws://") || argument.startsWith("wss://") || argument.startsWith("quic://")
                || argument.startsWith("https://");
    }

    /** True if the endpoint runs TLS: {@code tls://}, {@code wss://}, {@code quic://} and {@code https://}. */
    static boolean isSecure(Endpoint endpoint) {
        return endpoint instanceof Endpoint.Tls
                || endpoint instanceof Endpoint.Url url && !url.scheme().equals("ws");
    }

    /** The host of a TCP, TLS or provided endpoint; null for the others. */
    static String host(Endpoint endpoint) {
        return switch (endpoint) {
            case Endpoint.Tcp tcp -> tcp.host();
            case Endpoint.Tls tls -> tls.host();
            case Endpoint.Url url -> url.host();
            default -> null;
        };
    }

    /** Parses {@code text}; bad text is a usage error that quotes it and shows the forms. */
    static Endpoint parse(String text, Function<String, RuntimeException> usageError) {
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw usageError.apply(e.getMessage());
        }
    }
}
