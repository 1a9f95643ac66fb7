package dev.lightstream.protocol;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Fixtures;
import dev.lightstream.transport.stdio.StdioTransport;
import dev.lightstream.transport.tcp.TcpTransport;
import dev.lightstream.transport.tls.TlsConfig;
import dev.lightstream.transport.tls.TlsConnection;
import dev.lightstream.transport.tls.TlsTransport;
import dev.lightstream.transport.unix.UnixTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Named;

/** Two connected transport connections, one per side, over each transport the protocol runs on. */
record Pairs(Connection client, Connection server, AutoCloseable cleanUp) implements AutoCloseable {

    /** Closes both connections and what the transport left (a listening socket, a socket file). */
    @Override
    public void close() throws Exception {
        try (AutoCloseable c = cleanUp; Connection a = client; Connection b = server) {
            // closed in reverse order
        }
    }

    /** A connected pair made by accepting one connection from {@code acceptor}. */
    private static Pairs accepted(Acceptor acceptor, ConnectFunction connect, AutoCloseable more) throws IOException {
        CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                Connection connection = acceptor.accept();
                if (connection instanceof TlsConnection tls) {
                    tls.handshake(); // alongside the client's, which connect() runs
                }
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, command -> Thread.ofVirtual().start(command));
        Connection client = connect.connect();
        try {
            Connection server = accepted.get();
            return new Pairs(client, server, () -> {
                try (AutoCloseable m = more; Acceptor a = acceptor) {
                    // closed
                }
            });
        } catch (InterruptedException | ExecutionException e) {
            client.close();
            acceptor.close();
            throw new IOException("accept failed", e);
        }
    }

    @FunctionalInterface
    private interface ConnectFunction {
        Connection connect() throws IOException;
    }

    static Pairs tcp() throws IOException {
        Acceptor acceptor = TcpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return accepted(acceptor, () -> TcpTransport.connect((InetSocketAddress) acceptor.localAddress()), () -> {});
    }

    static Pairs tls() throws IOException {
        TlsConfig server = TlsConfig.server(Fixtures.CERTIFICATE.identity()).build();
        TlsConfig client = TlsConfig.client().trust(Fixtures.CERTIFICATE.trust()).build();
        Acceptor acceptor = TlsTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server,
                dev.lightstream.transport.SocketOptions.defaults());
        return accepted(acceptor, () -> TlsTransport.connect((InetSocketAddress) acceptor.localAddress(), client),
                () -> {});
    }

    static Pairs unix() throws IOException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lsp");
        Path socket = dir.resolve("p.sock");
        Acceptor acceptor = UnixTransport.bind(socket);
        return accepted(acceptor, () -> UnixTransport.connect(socket), () -> {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        });
    }

    /** The stdio transport's connection over two pipes, one each way. */
    static Pairs pipes() throws IOException {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        Connection client = StdioTransport.of(toClient.source(), toServer.sink(), "pipe to server");
        Connection server = StdioTransport.of(toServer.source(), toClient.sink(), "pipe to client");
        return new Pairs(client, server, () -> {});
    }

    /** Factory of a pair. */
    @FunctionalInterface
    interface Factory {
        Pairs open() throws IOException;
    }

    /** Every transport, named for test reports (stdio as a pipe pair; two processes are tested apart). */
    static List<Named<Factory>> all() {
        return List.of(Named.of("tcp", Pairs::tcp), Named.of("tls", Pairs::tls), Named.of("unix", Pairs::unix),
                Named.of("stdio pipes", Pairs::pipes));
    }
}
