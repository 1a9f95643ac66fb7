package dev.lightstream.net;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.stdio.PipeAddress;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes an Arrow IPC stream of record batches to a {@link Connection}: the client side of sending
 * a table (connect to a receiving {@link TableServer}), and what a serving {@link TableServer} writes
 * with.
 *
 * {@snippet :
 * try (NetTableWriter writer = NetTableWriter.connect(Endpoint.parse("unix:///run/ingest.sock"), schema,
 *         allocator, NetOptions.defaults())) {
 *     for (RecordBatch batch : batches) {
 *         writer.write(batch);     // blocks while the receiver is slow: backpressure
 *     }
 * }                                // the end-of-stream marker, then the connection closes
 * }
 *
 * <p><b>Gathering writes.</b> Each message goes out in one gathering write: its prefix and metadata,
 * then every buffer of the batch as a view of the batch's own memory; nothing is concatenated.
 *
 * <p><b>Ends.</b> {@link #finish()} writes the end-of-stream marker and keeps the connection open
 * (for {@link #nextStream(Schema)}, or to read a reply); {@link #close()} finishes and closes it;
 * {@link #abort()} closes it without the marker, which a {@link NetTableReader} reports as
 * {@link java.io.EOFException}. Not thread-safe.
 */
public final class NetTableWriter implements BatchWriter {
    private final Connection connection;
    private final BufferAllocator allocator;
    private final NetOptions options;
    private final ArrowStreamWriter writer;
    private long batchesWritten;
    private long bytesBefore;
    private boolean finished;
    private boolean failed;
    private boolean closed;

    private NetTableWriter(Connection connection, Schema schema, BufferAllocator allocator, NetOptions options,
            long bytesBefore) {
        this.connection = connection;
        this.allocator = allocator;
        this.options = options;
        this.bytesBefore = bytesBefore;
        this.writer = new ArrowStreamWriter(new BorrowedChannel(connection), schema, allocator, options.write());
    }

    /** Connects to {@code endpoint} to send it a stream of batches of {@code schema}. */
    public static NetTableWriter connect(Endpoint endpoint, Schema schema, BufferAllocator allocator,
            NetOptions options) throws IOException {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(allocator, "allocator");
        Connection connection = Transports.connect(endpoint, options.transport());
        try {
            return of(connection, schema, allocator, options);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A writer of a stream of batches of {@code schema} to {@code connection}, which the writer now owns. */
    public static NetTableWriter of(Connection connection, Schema schema, BufferAllocator allocator,
            NetOptions options) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(options, "options");
        return new NetTableWriter(connection, schema, allocator, options, 0);
    }

    @Override
    public Schema schema() {
        return writer.schema();
    }

    /** Sends the schema now rather than with the first batch (a receiver can then learn it at once). */
    public void start() throws IOException {
        checkOpen();
        writer.start();
    }

    /**
     * Sends {@code batch} (with the dictionaries it needs first); the caller keeps the batch.
     *
     * @throws IllegalStateException if the stream is finished or the writer closed
     */
    @Override
    public void write(RecordBatch batch) throws IOException {
        checkOpen();
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        try {
            writer.write(batch);
        } catch (IOException | RuntimeException e) {
            // Part of a message may be out: an end-of-stream marker after it would be garbage.
            failed = e instanceof IOException;
            throw e;
        }
        batchesWritten++;
    }

    /** Sends the end-of-stream marker (and the schema, if nothing was sent); the connection stays open. Idempotent. */
    @Override
    public void finish() throws IOException {
        checkOpen();
        if (!finished) {
            writer.end();
            finished = true;
        }
    }

    /**
     * A writer of another stream on the same connection, after this one is {@linkplain #finish()
     * finished}; it takes over the connection, and this writer is closed.
     *
     * @throws IllegalStateException if this stream is not finished
     */
    public NetTableWriter nextStream(Schema schema) throws IOException {
        checkOpen();
        if (!finished) {
            throw new IllegalStateException("finish() this stream before starting the next");
        }
        NetTableWriter next = new NetTableWriter(connection, schema, allocator, options, bytesWritten());
        closed = true;
        writer.close(); // frees the working memory; the borrowed channel leaves the connection open
        return next;
    }

    /** Frees the working memory of a finished writer and leaves the connection open, to its owner. */
    void release() throws IOException {
        if (!closed) {
            finish();
            closed = true;
            writer.close(); // the borrowed channel leaves the connection open
        }
    }

    /** The connection written to. */
    public Connection connection() {
        return connection;
    }

    /** Bytes written to the connection so far, by this writer and those it follows on the connection. */
    public long bytesWritten() {
        return bytesBefore + writer.bytesWritten();
    }

    /** Record batches written so far by this writer. */
    public long batchesWritten() {
        return batchesWritten;
    }

    /** Closes the connection without the end-of-stream marker and frees the working memory. Idempotent. */
    @Override
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (IOException ignored) {
            // Giving up on the connection: there is nothing more to do with it.
        } finally {
            writer.abort();
        }
    }

    /**
     * Finishes the stream, frees the working memory and closes the connection; after a failed write,
     * {@linkplain #abort() aborts} instead. Idempotent.
     *
     * <p>On a socket, closing waits for the stream to be delivered: it ends the output, then reads
     * (and discards) whatever the peer sends until the peer closes too, for up to
     * {@link NetOptions#lingerTimeout()}. A socket closed with unread bytes in it (a TLS 1.3
     * session ticket, say) is reset, and a reset throws away what was still on its way to the peer.
     * Pipes lose nothing on close and are closed at once. To read a reply instead, call
     * {@link #finish()}, read, then close.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (failed) {
            abort();
            return;
        }
        try {
            finish();
            linger();
        } finally {
            closed = true;
            try {
                writer.close();
            } finally {
                connection.close();
            }
        }
    }

    /** Ends the output and waits (bounded) for the peer's end, so that closing resets nothing in flight. */
    private void linger() throws IOException {
        Duration timeout = options.lingerTimeout();
        if (timeout.isZero() || connection.remoteAddress() instanceof PipeAddress) {
            return;
        }
        connection.shutdownOutput();
        connection.setReadTimeout(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer sink = ByteBuffer.allocateDirect(512);
        try {
            while (connection.read(sink.clear()) >= 0) {
                if (System.nanoTime() - deadline > 0) {
                    return; // a peer that keeps talking: give up waiting
                }
            }
        } catch (SocketTimeoutException e) {
            // The peer did not close in time: close anyway.
        } catch (IOException e) {
            // The peer closed abruptly (a TLS peer that read up to the end marker and left resets
            // the close_notify it did not read): it is gone either way.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
    }

    @Override
    public String toString() {
        return "NetTableWriter[" + connection.remoteAddress() + ", batches=" + batchesWritten + ", bytes="
                + bytesWritten() + (finished ? ", finished" : "") + "]";
    }
}
