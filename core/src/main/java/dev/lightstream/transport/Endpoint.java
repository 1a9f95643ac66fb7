package dev.lightstream.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a transport connects or listens, written as a URI-like string and parsed here, in one place.
 *
 * <table>
 *   <caption>Endpoint forms</caption>
 *   <tr><th>text</th><th>endpoint</th></tr>
 *   <tr><td>{@code tcp://host:port}</td><td>{@link Tcp}; host a name, an IPv4 address or an IPv6
 *       address in brackets ({@code tcp://[::1]:9000}); port 0 to 65535 (0: any free port, when listening)</td></tr>
 *   <tr><td>{@code tls://host:port}</td><td>{@link Tls}, the same over TLS</td></tr>
 *   <tr><td>{@code unix:///path/to/socket}</td><td>{@link Unix}, an absolute path (the third slash starts
 *       it); {@code unix:relative/path} for a path relative to the working directory</td></tr>
 *   <tr><td>{@code -}</td><td>{@link Stdio}: standard input and output</td></tr>
 *   <tr><td>{@code ws://host:port/path}, {@code wss://...}, {@code quic://host:port},
 *       {@code https://host:port/path}</td><td>{@link Url}: WebSocket, QUIC and WebTransport, whose
 *       transports live in optional modules and are found through
 *       {@link dev.lightstream.transport.spi.TransportProviders}; the path is optional</td></tr>
 * </table>
 *
 * {@snippet :
 * Endpoint endpoint = Endpoint.parse("tcp://[::1]:9000");
 * if (endpoint instanceof Endpoint.Tcp tcp) {
 *     InetSocketAddress address = tcp.socketAddress();   // resolves the host
 * }
 * String text = endpoint.toString();                     // "tcp://[::1]:9000", parses back to an equal endpoint
 * }
 *
 * <p>Bad text raises {@link IllegalArgumentException} with a message that quotes the text, says what
 * is wrong and shows the expected form. Parsing never resolves host names.
 */
public sealed interface Endpoint permits Endpoint.Tcp, Endpoint.Tls, Endpoint.Unix, Endpoint.Stdio, Endpoint.Url {

    /**
     * Parses an endpoint (surrounding whitespace ignored).
     *
     * @throws IllegalArgumentException if the text is not one of the forms above
     */
    static Endpoint parse(String text) {
        return EndpointParser.parse(text);
    }

    /** The endpoint of a bound or connected socket address: TCP for IP, Unix for a socket path. */
    static Endpoint of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return new Tcp(inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString(),
                    inet.getPort());
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return new Unix(unix.getPath());
        }
        throw new IllegalArgumentException("no endpoint form for " + address);
    }

    /** A TCP endpoint. */
    record Tcp(String host, int port) implements Endpoint {
        /** @throws IllegalArgumentException if the host is empty or the port out of range */
        public Tcp {
            EndpointParser.checkHostPort(host, port);
        }

        /** The socket address, resolving the host name. */
        public InetSocketAddress socketAddress() {
            return new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return "tcp://" + EndpointParser.formatHost(host) + ":" + port;
        }
    }

    /** A TLS-over-TCP endpoint. */
    record Tls(String host, int port) implements Endpoint {
        /** @throws IllegalArgumentException if the host is empty or the port out of range */
        public Tls {
            EndpointParser.checkHostPort(host, port);
        }

        /** The socket address, resolving the host name. */
        public InetSocketAddress socketAddress() {
            return new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return "tls://" + EndpointParser.formatHost(host) + ":" + port;
        }
    }

    /** A Unix domain socket endpoint. */
    record Unix(Path path) implements Endpoint {
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        /** The socket address. */
        public UnixDomainSocketAddress socketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return path.isAbsolute() ? "unix://" + path : "unix:" + path;
        }
    }

    /** Standard input and output of this process. */
    record Stdio() implements Endpoint {
        @Override
        public String toString() {
            return "-";
        }
    }

    /**
     * An endpoint of a transport that lives in an optional module (WebSocket, QUIC, WebTransport),
     * found at run time by its scheme through {@link dev.lightstream.transport.spi.TransportProviders}.
     *
     * @param scheme the lower-case scheme: {@code ws}, {@code wss}, {@code quic} or {@code https}
     * @param host a name or an address (IPv6 without brackets)
     * @param port 0 to 65535 (0: any free port, when listening)
     * @param path empty, or a path starting with {@code /} ({@code /stream})
     */
    record Url(String scheme, String host, int port, String path) implements Endpoint {
        /** @throws IllegalArgumentException if the scheme is not one of those above, or a part is malformed */
        public Url {
            Objects.requireNonNull(scheme, "scheme");
            if (!EndpointParser.URL_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("scheme=" + scheme + " is not one of " + EndpointParser.URL_SCHEMES);
            }
            EndpointParser.checkHostPort(host, port);
            Objects.requireNonNull(path, "path");
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw new IllegalArgumentException("path=" + path + " must be empty or start with /");
            }
        }

        /** The socket address, resolving the host name. */
        public InetSocketAddress socketAddress() {
            return new InetSocketAddress(host, port);
        }

        /** This endpoint with another path. */
        public Url withPath(String newPath) {
            return new Url(scheme, host, port, newPath);
        }

        /** This endpoint with another port (the real one, once bound). */
        public Url withPort(int newPort) {
            return new Url(scheme, host, newPort, path);
        }

        @Override
        public String toString() {
            return scheme + "://" + EndpointParser.formatHost(host) + ":" + port + path;
        }
    }
}
