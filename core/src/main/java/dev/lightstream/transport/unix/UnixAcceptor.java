package dev.lightstream.transport.unix;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.SocketOptions;
import dev.lightstream.transport.internal.SocketChannelConnection;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening Unix domain socket. It removes a stale socket file before binding, and deletes its
 * own socket file on close, but only if the file is still the one it created.
 */
final class UnixAcceptor implements Acceptor {
    /** The file type bits of {@code unix:mode}, and the value for a socket (S_IFSOCK). */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final ServerSocketChannel server;
    private final SocketOptions options;
    private final Path path;
    private final UnixDomainSocketAddress local;
    private final Object fileKey;
    private final AtomicBoolean closed = new AtomicBoolean();

    UnixAcceptor(Path socket, SocketOptions options) throws IOException {
        this.path = Objects.requireNonNull(socket, "socket").toAbsolutePath();
        this.options = Objects.requireNonNull(options, "options");
        removeStale(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            try {
                channel.bind(UnixDomainSocketAddress.of(path), options.backlog());
            } catch (SocketException e) {
                if (path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 100) {
                    SocketException clearer = new SocketException("cannot bind Unix socket " + path + " ("
                            + e.getMessage() + "): socket paths are limited to about 100 bytes; use a shorter one");
                    clearer.initCause(e);
                    throw clearer;
                }
                throw e;
            }
            this.local = (UnixDomainSocketAddress) channel.getLocalAddress();
            this.fileKey = fileKey(path);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.server = channel;
    }

    /** Deletes a socket file nobody listens on; refuses to touch anything else. */
    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new FileAlreadyExistsException(path.toString(), null,
                    "exists and is not a socket; not removing it to listen there");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new BindException("a server is already listening on " + path);
        } catch (ConnectException refused) {
            // Nobody answers: the file was left by a process that died.
            Files.deleteIfExists(path);
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view: "other" (not a file, directory or link) is the best guess.
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Connection accept() throws IOException {
        SocketChannel channel = server.accept();
        try {
            UnixTransport.configure(channel, options);
            return new SocketChannelConnection(channel, options.readTimeout());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The socket file. */
    Path path() {
        return path;
    }

    @Override
    public UnixDomainSocketAddress localAddress() {
        return local;
    }

    @Override
    public Endpoint endpoint() {
        return new Endpoint.Unix(path);
    }

    @Override
    public boolean isOpen() {
        return server.isOpen();
    }

    /** Stops listening and deletes the socket file if it is still ours (same file key). Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            Object now = fileKey(path);
            if (now != null && now.equals(fileKey)) {
                try {
                    Files.deleteIfExists(path);
                } catch (NoSuchFileException ignored) {
                    // Someone removed it already.
                }
            }
        }
    }

    @Override
    public String toString() {
        return "UnixAcceptor[" + path + "]";
    }
}
