package dev.lightstream.transport;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** The grammar of {@link Endpoint} strings, with messages that say what is wrong and what is expected. */
final class EndpointParser {
    static final String FORMS = "tcp://host:port, tls://host:port, unix:///path/to/socket, - (stdio), "
            + "ws://host:port[/path], wss://host:port[/path], quic://host:port or https://host:port/path (WebTransport)";
    /** The schemes of {@link Endpoint.Url}, served by optional transport modules. */
    static final java.util.Set<String> URL_SCHEMES = java.util.Set.of("ws", "wss", "quic", "https");

    private EndpointParser() {}

    static Endpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.equals("-")) {
            return new Endpoint.Stdio();
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw bad(text, "has no scheme; expected " + FORMS);
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = s.substring(colon + 1);
        return switch (scheme) {
            case "tcp" -> {
                HostPort hp = hostPort(text, scheme, rest);
                yield new Endpoint.Tcp(hp.host(), hp.port());
            }
            case "tls" -> {
                HostPort hp = hostPort(text, scheme, rest);
                yield new Endpoint.Tls(hp.host(), hp.port());
            }
            case "unix" -> new Endpoint.Unix(unixPath(text, rest));
            case "ws", "wss", "quic", "https" -> url(text, scheme, rest);
            default -> throw rest.startsWith("//")
                    ? bad(text, "has unknown scheme \"" + scheme + "\"; expected " + FORMS)
                    : bad(text, "has no scheme (tcp://" + s + ", perhaps?); expected " + FORMS);
        };
    }

    private record HostPort(String host, int port) {}

    /** {@code scheme://host:port} followed by an optional path; no user, query or fragment. */
    private static Endpoint.Url url(String text, String scheme, String rest) {
        if (!rest.startsWith("//")) {
            throw bad(text, "must start with " + scheme + "://; expected " + scheme + "://host:port[/path]");
        }
        int slash = rest.indexOf('/', 2);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        for (char c : new char[] {'?', '#', ' '}) {
            if (path.indexOf(c) >= 0) {
                throw bad(text, "may hold only a host, a port and a path (found '" + c + "')");
            }
        }
        HostPort hp = hostPort(text, scheme, authority);
        return new Endpoint.Url(scheme, hp.host(), hp.port(), path);
    }

    private static HostPort hostPort(String text, String scheme, String rest) {
        String form = scheme + "://host:port";
        if (!rest.startsWith("//")) {
            throw bad(text, "must start with " + scheme + "://; expected " + form);
        }
        String authority = rest.substring(2);
        for (char c : new char[] {'/', '?', '#', '@'}) {
            if (authority.indexOf(c) >= 0) {
                throw bad(text, "may hold only a host and a port (found '" + c + "'); expected " + form);
            }
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw bad(text, "has an IPv6 address with no closing bracket; expected " + scheme + "://[::1]:port");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.startsWith(":")) {
                throw bad(text, "has no port; expected " + scheme + "://[" + host + "]:port");
            }
            port = after.substring(1);
            int zone = host.indexOf('%'); // a zone id (fe80::1%eth0) is a name
            String address = zone < 0 ? host : host.substring(0, zone);
            if (address.isEmpty() || zone == host.length() - 1
                    || !address.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
                throw bad(text, "has an invalid IPv6 address \"" + host + "\"");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "has no port; expected " + form);
            }
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw bad(text, "has an IPv6 address outside brackets; expected " + scheme + "://[" + host + "]:port");
            }
            if (host.isEmpty()) {
                throw bad(text, "has no host (to listen on every interface, use 0.0.0.0 or [::])");
            }
            if (!host.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '.' || ch == '-'
                    || ch == '_'))) {
                throw bad(text, "has an invalid host name \"" + host + "\"");
            }
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || Integer.parseInt(port) > 65535) {
            throw bad(text, "has an invalid port \"" + port + "\"; expected a number from 0 to 65535");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    private static Path unixPath(String text, String rest) {
        String path;
        if (rest.startsWith("//")) {
            path = rest.substring(2);
            if (!path.startsWith("/")) {
                throw bad(text, "needs an absolute path after unix://, as in unix:///tmp/app.sock "
                        + "(the third slash starts the path; unix:relative/path for a relative one)");
            }
        } else {
            path = rest;
        }
        if (path.isEmpty()) {
            throw bad(text, "has no socket path; expected unix:///path/to/socket");
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw bad(text, "has an invalid path: " + e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException("endpoint \"" + text + "\" " + problem);
    }

    static void checkHostPort(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port=" + port + " is not in 0..65535");
        }
    }

    static String formatHost(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
