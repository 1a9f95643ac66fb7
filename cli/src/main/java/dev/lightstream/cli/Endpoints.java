package dev.lightstream.cli;

import dev.lightstream.transport.Endpoint;
import java.util.function.Function;

/** Endpoints on the command line: {@code tcp://HOST:PORT}, {@code tls://HOST:PORT}, {@code unix:///PATH}, {@code -}. */
final class Endpoints {
    private Endpoints() {}

    /** True if {@code argument} names a network endpoint rather than a path ({@code -} is neither). */
    static boolean isNetwork(String argument) {
        return argument.startsWith("tcp://") || argument.startsWith("tls://") || argument.startsWith("unix:");
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
