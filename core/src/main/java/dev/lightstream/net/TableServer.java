package dev.lightstream.net;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionHandler;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.InFlightLimiter;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A server of Arrow tables on any {@link Endpoint}: either it sends a table to every client that
 * connects ({@link #serve}), or it receives a table from every client that connects
 * ({@link #receive}). Each connection runs on a virtual thread of its own; closing the server
 * shuts it down cleanly ({@link ConnectionServer}).
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      TableServer server = TableServer.serve(Endpoint.parse("tcp://0.0.0.0:9000"),
 *              BatchSource.ofFile(Path.of("trips.arrow")), allocator, NetOptions.defaults())) {
 *     System.err.println("serving on " + server.endpoint());
 *     waitForTheEnd();
 * } // stops accepting, lets transfers finish for the grace period, closes the rest
 *
 * TableServer ingest = TableServer.receive(Endpoint.parse("unix:///run/ingest.sock"), stream -> {
 *     for (RecordBatch batch; (batch = stream.next()) != null; ) {
 *         try (RecordBatch b = batch) {
 *             store(batch);
 *         }
 *     }
 * }, allocator, NetOptions.defaults());
 * }
 *
 * <p><b>Serving and slow clients.</b> Each client gets the whole table from the first batch, from a
 * reader of its own ({@link BatchSource#open}). A reading thread per client reads ahead while the
 * connection's thread writes, up to {@link NetOptions#inFlightBytes()} of batches read and not yet
 * written (plus the one batch waiting for that budget). A client that reads slowly, or stops, blocks
 * its own writes, then its own read-ahead: the server never buffers more than that for it, and other
 * clients go on at their own pace. The policy is to block, not to drop: a client that stops for good
 * keeps its connection until it leaves, a read timeout on its side fires, or the server shuts down.
 * {@link #transfers()} shows each transfer's progress and bytes in flight.
 *
 * <p><b>Errors.</b> A client that disconnects ends its own transfer only: the failure goes to the
 * {@link dev.lightstream.transport.ConnectionErrorListener} of {@link NetOptions#transport()} (as an
 * {@link IOException}, logged at DEBUG by default) and the server goes on serving the others. A
 * source that fails mid-table ends the connection without the end-of-stream marker, so the client
 * gets an {@link java.io.EOFException} rather than a table cut short.
 */
public final class TableServer implements AutoCloseable {
    private final ConnectionServer server;
    private final Set<Transfer> transfers;

    private TableServer(ConnectionServer server, Set<Transfer> transfers) {
        this.server = server;
        this.transfers = transfers;
    }

    /**
     * Listens on {@code endpoint} and sends the table of {@code source} to every client that connects.
     * Over stdio ({@code -}) the one client is the process at the other end of stdin and stdout.
     *
     * @param allocator where each client's batches are read into; shared by all connections
     */
    public static TableServer serve(Endpoint endpoint, BatchSource source, BufferAllocator allocator,
            NetOptions options) throws IOException {
        return serve(endpoint, source, allocator, options, transfer -> { });
    }

    /**
     * Like {@link #serve(Endpoint, BatchSource, BufferAllocator, NetOptions)}, and tells
     * {@code ended} about each transfer once it has ended, completely or not
     * ({@link Transfer#failure()}), on the connection's thread: for logs and statistics.
     */
    public static TableServer serve(Endpoint endpoint, BatchSource source, BufferAllocator allocator,
            NetOptions options, Consumer<Transfer> ended) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(ended, "ended");
        Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
        ConnectionHandler handler = connection -> {
            Transfer[] transfer = new Transfer[1];
            try {
                send(connection, source, allocator, options, transfers, t -> transfer[0] = t);
            } finally {
                if (transfer[0] != null) {
                    ended.accept(transfer[0]);
                }
            }
        };
        return new TableServer(Transports.listen(endpoint, options.transport(), handler), transfers);
    }

    /**
     * Listens on {@code endpoint} and runs {@code handler} for the stream each client sends.
     *
     * @param allocator where received batches are allocated; shared by all connections
     */
    public static TableServer receive(Endpoint endpoint, TableHandler handler, BufferAllocator allocator,
            NetOptions options) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        ConnectionHandler receiver = connection -> {
            try (NetTableReader reader = NetTableReader.of(connection, allocator, options)) {
                handler.handle(reader);
            }
        };
        return new TableServer(Transports.listen(endpoint, options.transport(), receiver), Set.of());
    }

    /**
     * Sends the whole table of {@code source} over {@code connection} (an accepted client, stdio...)
     * with the read-ahead and backpressure of a serving server, and ends the stream with its
     * end-of-stream marker. The connection stays open; the caller closes it.
     *
     * @return the finished transfer
     * @throws IOException if the source or the connection fails; the stream then has no end-of-stream
     *     marker and the connection is closed
     */
    public static Transfer send(Connection connection, BatchSource source, BufferAllocator allocator,
            NetOptions options) throws IOException {
        return send(connection, source, allocator, options, null, t -> { });
    }

    private static Transfer send(Connection connection, BatchSource source, BufferAllocator allocator,
            NetOptions options, Set<Transfer> live, Consumer<Transfer> started) throws IOException {
        Objects.requireNonNull(connection, "connection");
        try (BatchReader reader = source.open(allocator);
             InFlightLimiter limiter = new InFlightLimiter(options.inFlightBytes())) {
            Transfer transfer = new Transfer(connection.remoteAddress(), limiter);
            started.accept(transfer);
            if (live != null) {
                live.add(transfer);
            }
            NetTableWriter writer = null;
            boolean sent = false;
            try {
                writer = NetTableWriter.of(connection, reader.schema(), allocator, options);
                BatchSender.send(reader, writer, limiter, transfer);
                sent = true;
            } catch (IOException | RuntimeException | Error e) {
                if (!transfer.isDone()) { // failed before sending began: the source has no schema, say
                    transfer.failed(e);
                    transfer.done(0);
                }
                throw e;
            } finally {
                if (live != null) {
                    live.remove(transfer);
                }
                if (sent) {
                    writer.release(); // the connection stays open, owned by the caller
                } else if (writer != null) {
                    writer.abort();
                }
            }
            return transfer;
        }
    }

    /** The endpoint clients connect to, with the real port. */
    public Endpoint endpoint() {
        return server.endpoint();
    }

    /** The address listened on. */
    public SocketAddress localAddress() {
        return server.localAddress();
    }

    /** The transfers in progress (serving servers; empty for receiving ones). */
    public List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    /** Connections being served now. */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** Connections accepted since the start. */
    public long acceptedCount() {
        return server.acceptedCount();
    }

    /**
     * Stops accepting, lets connections finish for up to {@code grace}, then closes the rest.
     *
     * @return true if every connection had finished by itself
     * @see ConnectionServer#shutdown(Duration)
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        return server.shutdown(grace);
    }

    /** Shuts down with the grace period of the server options. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "TableServer[" + server.endpoint() + ", connections=" + server.connectionCount() + "]";
    }
}
