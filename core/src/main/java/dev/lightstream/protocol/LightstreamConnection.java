package dev.lightstream.protocol;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.codec.FramedReader;
import dev.lightstream.codec.tlv.TlvFrame;
import dev.lightstream.ipc.StreamEncoder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Lightstream protocol over any {@link Connection}: named message types and named Arrow tables,
 * sent and received freely, interleaved on one connection.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create();
 *      LightstreamConnection connection = new LightstreamConnection(TcpTransport.connect(address), allocator)) {
 *     connection.registerMessage("command");           // the peer registers the same names,
 *     connection.registerTable("metrics", schema);     // in any order
 *     connection.handshake();                          // or let the first send or receive run it
 *
 *     connection.send("command", "restart".getBytes(StandardCharsets.UTF_8));
 *     connection.sendTable("metrics", batch);          // schema and dictionaries go with the first batch
 *     connection.flush();                              // small messages are buffered until here
 *
 *     try (LightstreamMessage received = connection.receive()) {   // null once the peer has closed
 *         switch (received) {
 *             case RawMessage m -> handle(m.name(), m.payload());
 *             case TableBatch(String table, RecordBatch b) -> process(table, b);
 *         }
 *     }
 * }
 * }
 *
 * <h2>Registration and the handshake</h2>
 * Each side registers its names (at most {@value #MAX_TYPES}; each gets the next one-byte tag),
 * then both exchange a handshake with the protocol version, the longest frame each accepts and every
 * name with its kind and tag (layout in the {@linkplain dev.lightstream.protocol package
 * documentation}). Names are matched by name, so the two sides may register in any order; a name
 * registered on one side only, or as a message on one side and a table on the other, fails the
 * handshake on both sides with a {@link ProtocolMismatchException} listing every such name, and
 * another version with a {@link ProtocolVersionException}. Registration closes with the handshake,
 * which runs on the first of {@link #handshake()}, a send, {@link #flush()} or {@link #receive()}.
 * A failed handshake closes the transport once our own hello is written, so that the peer learns
 * what this side is even when the failure was in reading its hello (if the write fails, or does not
 * finish within the transport's read timeout, that is added to the exception thrown as a
 * suppressed one); {@link #close()} is still needed.
 *
 * <h2>Sending</h2>
 * Sending is thread-safe: each send holds the send lock while its frames are written, so frames
 * never interleave and the IPC messages of one table batch (dictionaries, then the batch) stay
 * together. Sends may be buffered: a frame of up to 8 KiB (a small message, or one small IPC
 * message of a table batch: a schema, a small dictionary or batch) is copied into a 64 KiB buffer
 * that goes out when it fills, at {@link #flush()} or with the next large frame, so many small
 * sends cost one system call. <b>Call {@code flush()}</b> when the peer is to see what was sent. A
 * larger frame is written before the send returns, in one gathering write from where its bytes lie
 * (the payload's memory, the batch's buffers), with no copy. Either way the caller may reuse the
 * payload or close the batch once the send returns. The first batch of a table channel
 * carries the schema and the dictionaries; later ones only what changed: a delta when a dictionary
 * grew, a replacement when it changed otherwise, nothing when it is the same array. Payloads over
 * the peer's maximum frame size are refused with {@link FrameTooLargeException} before any byte is
 * written.
 *
 * <h2>Receiving</h2>
 * One thread receives at a time. {@link #receive()} blocks until a message or batch is whole and
 * returns it; the caller owns it and closes it. Message payloads land straight from the transport
 * in one 64-byte-aligned block; table batches are decoded by the channel's Arrow IPC decoder whose
 * body block the bytes land in, and the arrays are slices of it. A table's first schema is checked
 * against the registered one (dictionary ids aside). Bad input raises a typed
 * {@link IOException} naming the channel: {@link ProtocolException} for an unregistered tag,
 * {@link FrameTooLargeException} for a frame over {@link ProtocolOptions#maxFrameBytes()} (a
 * message frame is skipped and receiving goes on), {@link java.io.EOFException} for input that
 * ends inside a frame, {@link dev.lightstream.ipc.InvalidIpcException} for malformed IPC in a table
 * frame. After any other error, receiving is over: a later {@code receive()} throws
 * {@link IllegalStateException}.
 *
 * <p>The connection owns the transport: {@link #close()} flushes, closes it (unblocking a thread in
 * {@code receive()}) and frees the decoders' and encoders' memory. The allocator stays the
 * caller's; messages and batches received keep their own memory alive.
 */
public final class LightstreamConnection implements AutoCloseable {
    /** The most names one side can register: one per value of the one-byte tag. */
    public static final int MAX_TYPES = 256;

    private enum State { REGISTERING, READY, FAILED }

    private final Connection connection;
    private final BufferAllocator allocator;
    private final ProtocolOptions options;
    private final Registry registry = new Registry();
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final FrameWriter writer;
    private final ProtocolDecoder decoder;
    private final FramedReader<ProtocolDecoder.Inbound> reader;
    /** Each table channel's IPC encoder, by our tag; guarded by the send lock. */
    private final StreamEncoder[] encoders = new StreamEncoder[MAX_TYPES];
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private volatile State state = State.REGISTERING;
    private volatile Exception handshakeFailure;
    private volatile long peerMaxFrameBytes;
    private volatile long bytesSent;
    private volatile long bytesReceived;
    private boolean outputShut;
    private IOException receiveFailure;
    private boolean inputEnded;

    /** The protocol over {@code connection} with {@link ProtocolOptions#DEFAULT}. */
    public LightstreamConnection(Connection connection, BufferAllocator allocator) {
        this(connection, allocator, ProtocolOptions.DEFAULT);
    }

    /**
     * The protocol over {@code connection}, which it now owns; received payloads and batches come
     * from {@code allocator}.
     */
    public LightstreamConnection(Connection connection, BufferAllocator allocator, ProtocolOptions options) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.options = Objects.requireNonNull(options, "options");
        this.writer = new FrameWriter(connection);
        this.decoder = new ProtocolDecoder(allocator, options.maxFrameBytes(), options.tableReadOptions());
        this.reader = new FramedReader<>(connection, decoder);
    }

    // ---- registration and handshake -----------------------------------------------------------

    /**
     * Registers a message type: opaque payloads sent with {@link #send(String, byte[])} and friends.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 255 bytes of UTF-8, not
     *     valid Unicode, or registered already
     * @throws IllegalStateException if {@value #MAX_TYPES} names are registered already, or the
     *     handshake has run
     */
    public Registration registerMessage(String name) {
        return registry.register(name, ChannelKind.MESSAGE, null);
    }

    /**
     * Registers a table channel of {@code schema}: what this side sends with
     * {@link #sendTable}, and what it expects from the peer on that name.
     *
     * @throws IllegalArgumentException if the name is invalid or registered already
     * @throws IllegalStateException if {@value #MAX_TYPES} names are registered already, or the
     *     handshake has run
     */
    public Registration registerTable(String name, Schema schema) {
        return registry.register(name, ChannelKind.TABLE, Objects.requireNonNull(schema, "schema"));
    }

    /** This side's registrations, in tag order. */
    public List<Registration> registrations() {
        return registry.list();
    }

    /**
     * Exchanges the handshake with the peer, unless done already: sends ours while reading theirs,
     * then matches the names. Idempotent; sends and receives call it.
     *
     * @throws ProtocolMismatchException if the names or their kinds differ (every difference listed)
     * @throws ProtocolVersionException if the peer speaks another protocol version
     * @throws ProtocolException if the peer does not speak the protocol or its handshake is malformed
     * @throws java.io.EOFException if the peer closes before its handshake is whole
     * @throws IllegalStateException if the handshake failed before, or the connection is closed
     */
    public void handshake() throws IOException {
        checkOpen();
        if (state == State.READY) {
            return;
        }
        handshakeLock.lock();
        try {
            if (state == State.READY) {
                return;
            }
            if (state == State.FAILED) {
                throw new IllegalStateException("the handshake failed earlier: " + handshakeFailure, handshakeFailure);
            }
            List<Registration> ours = registry.freeze();
            byte[] hello = Hello.encode(ours, options.maxFrameBytes());
            // Sent while we read, so that two large hellos cannot fill both pipes and block each other.
            CompletableFuture<Void> sent = new CompletableFuture<>();
            Thread.ofVirtual().name("lightstream-handshake " + connection.remoteAddress()).start(() -> {
                sendLock.lock();
                try {
                    writer.raw(hello);
                    writer.flush();
                    sent.complete(null);
                } catch (Throwable t) {
                    sent.completeExceptionally(t);
                } finally {
                    sendLock.unlock();
                }
            });
            try {
                Hello peer = readHello();
                // On a mismatch the peer reads our whole hello (see below) and finds the same differences.
                Registration[] routes = Registry.match(ours, peer);
                await(sent);
                decoder.bind(routes);
                peerMaxFrameBytes = peer.maxFrameBytes();
                state = State.READY;
            } catch (IOException | RuntimeException e) {
                handshakeFailure = e;
                state = State.FAILED;
                // Our hello first, then the close: a peer that fails on its side too (another
                // version, a malformed hello of ours) must get to read what we are, not just the end.
                Throwable notSent = awaitBeforeClosing(sent);
                closeTransportQuietly();
                if (notSent != null && notSent != e) { // e may be the write's own failure
                    e.addSuppressed(notSent);
                }
                throw e;
            }
        } finally {
            handshakeLock.unlock();
        }
    }

    private Hello readHello() throws IOException {
        receiveLock.lock();
        try {
            ProtocolDecoder.Inbound first = reader.read();
            if (first instanceof Hello hello) {
                return hello;
            }
            throw new ProtocolException("the peer's handshake is missing");
        } finally {
            receiveLock.unlock();
        }
    }

    private static void await(CompletableFuture<Void> sent) throws IOException {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending the handshake");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("sending the handshake failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Waits until our hello is written, as long as a read would wait (the read timeout; forever if
     * there is none): a peer that neither reads nor closes must not hold a failed handshake forever.
     * Returns why the hello was not written, or null once it was.
     */
    private Throwable awaitBeforeClosing(CompletableFuture<Void> sent) {
        try {
            Duration limit = connection.readTimeout();
            if (limit.isZero()) {
                sent.get();
            } else {
                sent.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InterruptedIOException("interrupted while sending the handshake");
        } catch (TimeoutException e) {
            return new SocketTimeoutException("our handshake was not written within the read timeout of "
                    + connection.readTimeout().toMillis() + " ms: the peer does not read");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** True once the handshake has succeeded. */
    public boolean isHandshakeDone() {
        return state == State.READY;
    }

    private void ensureReady() throws IOException {
        checkOpen();
        if (state != State.READY) {
            handshake();
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("connection is closed");
        }
    }

    // ---- sending ------------------------------------------------------------------------------

    /**
     * Sends {@code payload} as a message of type {@code name}: queued if it is small (see the class
     * documentation; {@link #flush()} sends the queue), written before this returns otherwise. The
     * caller may reuse the memory once this returns.
     *
     * @throws IllegalArgumentException if {@code name} is not a registered message type, or the
     *     payload is longer than 2<sup>32</sup>-1 bytes
     * @throws FrameTooLargeException if the payload is longer than the peer accepts (nothing is sent)
     * @throws IOException if the transport fails; the connection cannot send after that
     */
    public void send(String name, MemorySegment payload) throws IOException {
        Objects.requireNonNull(payload, "payload");
        Registration registration = registry.require(name, ChannelKind.MESSAGE);
        long length = payload.byteSize();
        if (length > TlvFrame.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("payload byteSize=" + length + " exceeds the frame maximum of "
                    + TlvFrame.MAX_VALUE_BYTES + " bytes");
        }
        ensureReady();
        if (length > peerMaxFrameBytes) {
            throw new FrameTooLargeException("a payload of message '" + name + "' (the peer's maximum)", length,
                    peerMaxFrameBytes);
        }
        sendLock.lock();
        try {
            checkCanSend();
            writer.frame(registration.tag(), payload);
            messagesSent.incrementAndGet();
        } finally {
            bytesSent = writer.bytesWritten();
            sendLock.unlock();
        }
    }

    /** Sends {@code payload}; see {@link #send(String, MemorySegment)}. */
    public void send(String name, byte[] payload) throws IOException {
        send(name, MemorySegment.ofArray(Objects.requireNonNull(payload, "payload")));
    }

    /**
     * Sends the remaining bytes of {@code payload} (its position is left unchanged); see
     * {@link #send(String, MemorySegment)}.
     */
    public void send(String name, ByteBuffer payload) throws IOException {
        send(name, MemorySegment.ofBuffer(Objects.requireNonNull(payload, "payload")));
    }

    /**
     * Sends {@code batch} on table channel {@code name}, preceded by the schema on the channel's
     * first send and by the dictionary batches it needs (new, delta or replacement). Large IPC
     * messages are written before this returns, from the batch's own memory; small ones are queued
     * (copied) until {@link #flush()}. The caller keeps ownership of the batch.
     *
     * @throws IllegalArgumentException if {@code name} is not a registered table, or the batch's
     *     columns do not match its schema
     * @throws FrameTooLargeException if one IPC message of it is longer than the peer accepts
     *     (nothing of that message is sent; the channel stays usable)
     * @throws IOException if the transport fails; the connection cannot send after that
     */
    public void sendTable(String name, RecordBatch batch) throws IOException {
        Objects.requireNonNull(batch, "batch");
        Registration registration = registry.require(name, ChannelKind.TABLE);
        ensureReady();
        sendLock.lock();
        try {
            checkCanSend();
            StreamEncoder encoder = encoders[registration.tag()];
            if (encoder == null) {
                encoder = new StreamEncoder(registration.schema(), allocator, options.writeOptions(),
                        (buffers, byteSize) -> tableFrame(registration, buffers, byteSize));
                encoders[registration.tag()] = encoder;
            }
            encoder.write(batch);
            messagesSent.incrementAndGet();
        } finally {
            bytesSent = writer.bytesWritten();
            sendLock.unlock();
        }
    }

    /** One IPC message of a table channel, as one frame. */
    private void tableFrame(Registration registration, List<ByteBuffer> buffers, long byteSize) throws IOException {
        if (byteSize > peerMaxFrameBytes) {
            throw new FrameTooLargeException("an IPC message of table '" + registration.name() + "' (the peer's maximum)",
                    byteSize, peerMaxFrameBytes);
        }
        writer.frame(registration.tag(), buffers, byteSize);
    }

    /** Sends a {@link RawMessage} or a {@link TableBatch} by its name; the caller still owns it. */
    public void send(LightstreamMessage message) throws IOException {
        switch (Objects.requireNonNull(message, "message")) {
            case RawMessage m -> send(m.name(), m.payload());
            case TableBatch t -> sendTable(t.name(), t.batch());
        }
    }

    /** Writes the messages queued by earlier sends. */
    public void flush() throws IOException {
        ensureReady();
        sendLock.lock();
        try {
            checkCanSend();
            writer.flush();
        } finally {
            bytesSent = writer.bytesWritten();
            sendLock.unlock();
        }
    }

    /**
     * Flushes, then ends the output: the peer's {@link #receive()} returns null once it has read
     * everything. Receiving goes on; sends throw {@link IllegalStateException} afterwards.
     */
    public void shutdownOutput() throws IOException {
        ensureReady();
        sendLock.lock();
        try {
            checkCanSend();
            writer.flush();
            outputShut = true;
            connection.shutdownOutput();
        } finally {
            bytesSent = writer.bytesWritten();
            sendLock.unlock();
        }
    }

    private void checkCanSend() {
        checkOpen();
        if (outputShut) {
            throw new IllegalStateException("the output is shut down");
        }
    }

    // ---- receiving ----------------------------------------------------------------------------

    /**
     * Waits for the next message or table batch from the peer and returns it; the caller owns it
     * and must close it. One thread receives at a time.
     *
     * @return the message, or null when the peer ended its output between two frames (and on every
     *     call after)
     * @throws ProtocolException for a frame of a tag the peer never registered, an empty table frame
     * @throws FrameTooLargeException for a frame over the maximum (a message frame is skipped, and
     *     the next call goes on with the frame after it)
     * @throws java.io.EOFException if the input ends inside a frame
     * @throws dev.lightstream.ipc.InvalidIpcException if a table frame is not valid Arrow IPC
     * @throws ProtocolMismatchException if a table's schema differs from the one registered
     * @throws java.net.SocketTimeoutException if the transport's read timeout expires (the next call resumes)
     * @throws IllegalStateException if receiving failed earlier, or the connection is closed
     */
    public LightstreamMessage receive() throws IOException {
        ensureReady();
        receiveLock.lock();
        try {
            checkOpen();
            if (receiveFailure != null) {
                throw new IllegalStateException("receiving failed earlier: " + receiveFailure, receiveFailure);
            }
            if (inputEnded) {
                return null;
            }
            ProtocolDecoder.Inbound inbound;
            try {
                inbound = reader.read();
            } catch (IOException e) {
                if (decoder.isFailed()) {
                    receiveFailure = e;
                }
                throw e;
            } finally {
                bytesReceived = reader.bytesRead();
            }
            if (inbound == null) {
                inputEnded = true;
                return null;
            }
            if (inbound instanceof ProtocolDecoder.Delivered(LightstreamMessage message)) {
                messagesReceived.incrementAndGet();
                return message;
            }
            throw new IllegalStateException("a handshake after the handshake: " + inbound);
        } finally {
            receiveLock.unlock();
        }
    }

    // ---- flow ---------------------------------------------------------------------------------

    /**
     * A {@link java.util.concurrent.Flow.Publisher} of what this connection receives, for one
     * subscriber; see {@link LightstreamPublisher}.
     */
    public LightstreamPublisher publisher() {
        return new LightstreamPublisher(this);
    }

    /**
     * A {@link java.util.concurrent.Flow.Subscriber} that sends what it gets on this connection, with
     * up to {@value LightstreamSubscriber#DEFAULT_WINDOW} items requested ahead; see
     * {@link LightstreamSubscriber}.
     */
    public LightstreamSubscriber subscriber() {
        return new LightstreamSubscriber(this, LightstreamSubscriber.DEFAULT_WINDOW);
    }

    /** A subscriber that requests up to {@code window} items ahead of what it has sent. */
    public LightstreamSubscriber subscriber(int window) {
        return new LightstreamSubscriber(this, window);
    }

    // ---- state --------------------------------------------------------------------------------

    /** Messages and table batches sent (queued ones included). */
    public long messagesSent() {
        return messagesSent.get();
    }

    /** Messages and table batches returned by {@link #receive()}. */
    public long messagesReceived() {
        return messagesReceived.get();
    }

    /**
     * Bytes written to the transport so far (the handshake and frame headers included), as of the
     * last send or flush.
     */
    public long bytesSent() {
        return bytesSent;
    }

    /** Bytes read from the transport so far (the handshake included), as of the last receive. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** The transport underneath. */
    public Connection transport() {
        return connection;
    }

    /** False once {@link #close()} has begun. */
    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Flushes what is queued (unless the transport is closed already), closes the transport, which
     * ends a {@link #receive()} in progress, and frees the IPC decoders and encoders of the table
     * channels. Idempotent. A peer that stopped reading can hold up the flush: close the
     * {@linkplain #transport() transport} first to abandon what is queued.
     *
     * @throws IOException if the flush failed (everything is closed and freed all the same)
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IOException failure = null;
        if (state == State.READY && connection.isOpen()) {
            sendLock.lock();
            try {
                if (!outputShut && writer.failure() == null) {
                    writer.flush();
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                sendLock.unlock();
            }
        }
        try {
            connection.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        receiveLock.lock();
        try {
            reader.close();
        } finally {
            receiveLock.unlock();
        }
        sendLock.lock();
        try {
            for (int i = 0; i < encoders.length; i++) {
                if (encoders[i] != null) {
                    encoders[i].close();
                    encoders[i] = null;
                }
            }
        } finally {
            sendLock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeTransportQuietly() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // The handshake's failure is what matters.
        }
    }

    @Override
    public String toString() {
        return "LightstreamConnection[" + connection.remoteAddress() + ", " + state.name().toLowerCase()
                + (closed.get() ? ", closed" : "") + "]";
    }
}
