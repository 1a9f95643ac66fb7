package dev.lightstream.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server: an accept loop over an {@link Acceptor} that runs a {@link ConnectionHandler} for each
 * connection on a virtual thread of its own, and shuts down cleanly.
 *
 * {@snippet :
 * try (ConnectionServer server = TcpTransport.listen(
 *         new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connection -> serve(connection))) {
 *     Endpoint endpoint = server.endpoint();   // tcp://127.0.0.1:<the port the system chose>
 *     ...
 * } // stops accepting, lets handlers finish for the grace period, closes the rest, joins all threads
 * }
 *
 * <p><b>Shutdown.</b> {@link #shutdown(Duration)} stops accepting (closes the acceptor), waits up
 * to the grace period for handlers to return on their own (a handler may poll
 * {@link #isShuttingDown()} to wind down), then closes the connections still open and interrupts
 * their threads, so that blocked reads and writes fail at once, and joins them. Handlers that still
 * do not return are left behind, and {@code shutdown} says so by returning false.
 *
 * <p>When {@link ServerOptions#maxConnections()} connections are being served the loop stops
 * accepting until one ends; new clients wait in the kernel's listen backlog.
 */
public final class ConnectionServer implements AutoCloseable {
    private final Acceptor acceptor;
    private final ConnectionHandler handler;
    private final ServerOptions options;
    private final Semaphore slots;
    private final Map<Connection, Thread> live = new ConcurrentHashMap<>();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread acceptThread;

    private ConnectionServer(Acceptor acceptor, ConnectionHandler handler, ServerOptions options) {
        this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.slots = new Semaphore(options.maxConnections());
        this.acceptThread = Thread.ofVirtual().name("lightstream-accept " + acceptor.endpoint()).unstarted(this::acceptLoop);
    }

    /** Starts serving connections from {@code acceptor}, which the server now owns, with default options. */
    public static ConnectionServer start(Acceptor acceptor, ConnectionHandler handler) {
        return start(acceptor, handler, ServerOptions.defaults());
    }

    /** Starts serving connections from {@code acceptor}, which the server now owns. */
    public static ConnectionServer start(Acceptor acceptor, ConnectionHandler handler, ServerOptions options) {
        ConnectionServer server = new ConnectionServer(acceptor, handler, options);
        server.acceptThread.start();
        return server;
    }

    private void acceptLoop() {
        while (!shuttingDown.get()) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return; // shutdown
            }
            Connection connection;
            try {
                connection = acceptor.accept();
            } catch (IOException | RuntimeException e) {
                slots.release();
                if (shuttingDown.get() || e instanceof ClosedChannelException || !acceptor.isOpen()) {
                    return;
                }
                options.errorListener().onError(null, e);
                pauseAfterFailedAccept();
                continue;
            }
            if (shuttingDown.get()) {
                closeQuietly(connection); // accepted while shutting down: do not serve it
                slots.release();
                return;
            }
            accepted.incrementAndGet();
            Thread thread = Thread.ofVirtual().name("lightstream-connection " + connection.remoteAddress())
                    .unstarted(() -> serve(connection));
            // Registered before shutdown() can look: it joins this thread before it joins handlers.
            live.put(connection, thread);
            thread.start();
        }
    }

    /** Accept fails in a loop when file descriptors run out: do not spin. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Connection connection) {
        try {
            handler.handle(connection);
        } catch (Throwable t) {
            options.errorListener().onError(connection.remoteAddress(), t);
        } finally {
            closeQuietly(connection);
            live.remove(connection);
            slots.release();
        }
    }

    /** The address the server listens on, with the real port. */
    public SocketAddress localAddress() {
        return acceptor.localAddress();
    }

    /** The endpoint clients connect to, with the real port. */
    public Endpoint endpoint() {
        return acceptor.endpoint();
    }

    /** Connections being served now. */
    public int connectionCount() {
        return live.size();
    }

    /** Connections accepted since the start. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** True once a shutdown has begun; handlers may poll it to wind down. */
    public boolean isShuttingDown() {
        return shuttingDown.get();
    }

    /**
     * Stops accepting, waits up to {@code grace} for handlers to finish, then closes the connections
     * left and joins their threads (waiting up to {@code grace} again).
     *
     * @return true if every handler had finished by itself within the grace period
     * @throws InterruptedException if interrupted while waiting (the connections are closed first)
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        Objects.requireNonNull(grace, "grace");
        shuttingDown.set(true);
        closeQuietly(acceptor);
        acceptThread.interrupt(); // in case it waits for a free slot
        boolean done = false;
        try {
            acceptThread.join();
            done = joinAll(grace);
            return done;
        } finally {
            if (!done) {
                for (Map.Entry<Connection, Thread> entry : live.entrySet()) {
                    closeQuietly(entry.getKey());
                    entry.getValue().interrupt();
                }
                joinAll(grace);
            }
        }
    }

    private boolean joinAll(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : live.values()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return live.isEmpty();
            }
        }
        return live.isEmpty();
    }

    /**
     * {@link #shutdown(Duration)} with the options' grace period. If interrupted, the connections are
     * closed and the interrupt status is kept.
     */
    @Override
    public void close() {
        try {
            shutdown(options.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort; the handler has reported what mattered.
        }
    }

    @Override
    public String toString() {
        return "ConnectionServer[" + acceptor.endpoint() + ", connections=" + live.size() + "]";
    }
}
