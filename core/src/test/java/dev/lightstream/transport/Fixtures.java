package dev.lightstream.transport;

import dev.lightstream.transport.tcp.TcpTransport;
import dev.lightstream.transport.tls.SelfSignedCertificate;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsTransport;
import dev.lightstream.transport.unix.UnixTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;

/** The socket transports the shared tests run over; the TLS tests add their own fixture. */
public final class Fixtures {
    private Fixtures() {}

    public static final Supplier<TransportFixture> TCP = () -> new TransportFixture() {
        @Override
        public ConnectionServer listen(SocketOptions socketOptions, ServerOptions serverOptions,
                ConnectionHandler handler) throws IOException {
            return TcpTransport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), socketOptions,
                    serverOptions, handler);
        }

        @Override
        public Connection connect(ConnectionServer server, SocketOptions options) throws IOException {
            return TcpTransport.connect((InetSocketAddress) server.localAddress(), options);
        }
    };

    public static final Supplier<TransportFixture> UNIX = () -> new TransportFixture() {
        private final Path dir = tempDir();

        @Override
        public ConnectionServer listen(SocketOptions socketOptions, ServerOptions serverOptions,
                ConnectionHandler handler) throws IOException {
            return UnixTransport.listen(dir.resolve("s.sock"), socketOptions, serverOptions, handler);
        }

        @Override
        public Connection connect(ConnectionServer server, SocketOptions options) throws IOException {
            return UnixTransport.connect(((Endpoint.Unix) server.endpoint()).path(), options);
        }

        @Override
        public void cleanUp() {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** One certificate for all TLS tests: key generation is not free. */
    public static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.forLocalhost();

    /** TLS (1.3, the default) over TCP, trusting {@link #CERTIFICATE}. */
    public static final Supplier<TransportFixture> TLS = () -> new TransportFixture() {
        private final TlsConfig server = TlsConfig.server(CERTIFICATE.identity()).build();
        private final TlsConfig client = TlsConfig.client().trust(CERTIFICATE.trust()).build();

        @Override
        public ConnectionServer listen(SocketOptions socketOptions, ServerOptions serverOptions,
                ConnectionHandler handler) throws IOException {
            return TlsTransport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server,
                    socketOptions, serverOptions, handler);
        }

        @Override
        public Connection connect(ConnectionServer server, SocketOptions options) throws IOException {
            return TlsTransport.connect((InetSocketAddress) server.localAddress(), client, options);
        }
    };

    static Path tempDir() {
        try {
            // Short: socket paths are limited to about 100 bytes.
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every socket transport, named for test reports. */
    public static List<Named<Supplier<TransportFixture>>> all() {
        List<Named<Supplier<TransportFixture>>> all = sockets();
        all.add(Named.of("tls", TLS));
        return all;
    }

    /** TCP and Unix domain sockets, named for test reports. */
    public static List<Named<Supplier<TransportFixture>>> sockets() {
        List<Named<Supplier<TransportFixture>>> all = new ArrayList<>();
        all.add(Named.of("tcp", TCP));
        all.add(Named.of("unix", UNIX));
        return all;
    }
}
