package dev.lightstream.net;

import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.Fixtures;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;

/**
 * One socket transport as the table tests see it: where a server listens, and the options of each
 * side (TLS needs a server configuration on one, a client configuration trusting it on the other).
 */
public final class NetFixture implements AutoCloseable {
    private static final TlsConfig TLS_SERVER = TlsConfig.server(Fixtures.CERTIFICATE.identity()).build();
    private static final TlsConfig TLS_CLIENT = TlsConfig.client().trust(Fixtures.CERTIFICATE.trust()).build();

    private final String name;
    private final Endpoint listen;
    private final Path dir;
    private final NetOptions server;
    private final NetOptions client;

    private NetFixture(String name, Endpoint listen, Path dir, NetOptions server, NetOptions client) {
        this.name = name;
        this.listen = listen;
        this.dir = dir;
        this.server = server;
        this.client = client;
    }

    public static NetFixture tcp() {
        return new NetFixture("tcp", Endpoint.parse("tcp://127.0.0.1:0"), null, NetOptions.defaults(),
                NetOptions.defaults());
    }

    public static NetFixture tls() {
        return new NetFixture("tls", Endpoint.parse("tls://127.0.0.1:0"), null,
                NetOptions.defaults().withTls(TLS_SERVER), NetOptions.defaults().withTls(TLS_CLIENT));
    }

    public static NetFixture unix() {
        try {
            // Short: socket paths are limited to about 100 bytes.
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ls");
            return new NetFixture("unix", new Endpoint.Unix(dir.resolve("t.sock")), dir, NetOptions.defaults(),
                    NetOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TCP, TLS and Unix domain sockets, named for test reports. */
    public static List<Named<Supplier<NetFixture>>> sockets() {
        return List.of(Named.of("tcp", NetFixture::tcp), Named.of("tls", NetFixture::tls),
                Named.of("unix", NetFixture::unix));
    }

    public String name() {
        return name;
    }

    /** Where servers listen (port 0: any free port; ask the server for its endpoint). */
    public Endpoint listen() {
        return listen;
    }

    public NetOptions serverOptions() {
        return server;
    }

    public NetOptions clientOptions() {
        return client;
    }

    /** A copy of this fixture with both sides' options changed. */
    public NetFixture with(Function<NetOptions, NetOptions> change) {
        return new NetFixture(name, listen, dir, change.apply(server), change.apply(client));
    }

    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
