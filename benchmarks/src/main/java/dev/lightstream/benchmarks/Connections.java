package dev.lightstream.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A listening JDK socket on loopback TCP or a Unix domain socket, and connected pairs of plain
 * blocking {@link SocketChannel}s from it: the same kind of channel for every side of a stream
 * measurement.
 */
public final class Connections implements AutoCloseable {
    /** The two transports measured. */
    public enum Kind { TCP, UDS }

    /** Both ends of one connection. */
    public record Pair(SocketChannel client, SocketChannel server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try (client; server) {
                // closes both
            }
        }
    }

    private final ServerSocketChannel listener;
    private final SocketAddress address;
    private final Path socketFile;

    private Connections(ServerSocketChannel listener, SocketAddress address, Path socketFile) {
        this.listener = listener;
        this.address = address;
        this.socketFile = socketFile;
    }

    /** Listens on 127.0.0.1 (an ephemeral port) or on a socket file in {@code dir}. */
    public static Connections listen(Kind kind, Path dir) throws IOException {
        if (kind == Kind.TCP) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new Connections(listener, listener.getLocalAddress(), null);
        }
        Path file = Files.createTempFile(dir, "bench", ".sock");
        Files.delete(file);
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(file));
        return new Connections(listener, listener.getLocalAddress(), file);
    }

    /** A new connected pair; the caller closes it. */
    public Pair connect() throws IOException {
        SocketChannel client = SocketChannel.open(address);
        SocketChannel server = listener.accept();
        return new Pair(client, server);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }
}
