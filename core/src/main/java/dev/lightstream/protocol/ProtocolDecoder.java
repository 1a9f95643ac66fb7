package dev.lightstream.protocol;

import dev.lightstream.array.ArrayEquality;
import dev.lightstream.codec.CorruptFrameException;
import dev.lightstream.codec.FrameDecoder;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcMessage;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.StreamDecoder;
import dev.lightstream.ipc.UnsupportedIpcFeatureException;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The receiving half of the protocol, with no I/O: the peer's {@link Hello}, then
 * {@code [tag: u8][length: u32 LE][payload]} frames, decoded into {@link RawMessage}s and
 * {@link TableBatch}es. Push bytes in any split; {@link dev.lightstream.codec.FramedReader} drives
 * it over a connection.
 *
 * <p>Zero-copy: a message payload lands in one 64-byte-aligned block offered as
 * {@link #directBuffer()}; the bytes of a table frame go to the channel's own Arrow
 * {@link StreamDecoder}, whose body block is offered the same way (limited to the frame), so an IPC
 * body is read from the transport straight into the block its arrays are slices of.
 *
 * <p>Every declared length is checked against the maximum frame size before anything is allocated;
 * a table frame must hold whole IPC messages (one per frame as Lightstream sends them; several are
 * accepted). Errors name the channel (peer tag, name, kind), the frame index and its stream
 * offset. A message frame over the maximum is skipped and the decoder goes on; after any other
 * error it has {@linkplain #isFailed() failed} and must be closed.
 */
final class ProtocolDecoder implements FrameDecoder<ProtocolDecoder.Inbound> {
    /** What the decoder emits: the peer's hello once, then delivered messages. */
    sealed interface Inbound permits Hello, Delivered {}

    /** A received message or table batch; the receiver owns it. */
    record Delivered(LightstreamMessage message) implements Inbound {}

    private enum State { HELLO, HEADER, MESSAGE, TABLE, SKIP, FAILED }

    /** Message payloads up to this size get their whole block at once; longer ones grow as bytes arrive. */
    static final long PREALLOCATE_BYTES = 8L << 20;
    private static final int HEADER_BYTES = 5;
    private static final long MAX_WINDOW = 1L << 30;

    private final BufferAllocator allocator;
    private final long maxFrameBytes;
    private final IpcReadOptions tableOptions;
    private State state = State.HELLO;
    private boolean closed;

    private final byte[] helloHead = new byte[Hello.HEAD_BYTES];
    private int helloFill;
    private byte[] helloBody;
    private int helloBodyFill;

    /** Our registration for each of the peer's tags, once bound. */
    private Registration[] routes;
    private final StreamDecoder[] tables = new StreamDecoder[256];
    private final byte[] header = new byte[HEADER_BYTES];
    private int headerFill;
    private int tag;
    private long length;
    private Registration route;
    private long frameIndex;
    private long frameOffset;
    private long consumed;

    private MemoryBlock block;
    private long capacity;
    private ByteBuffer window;
    private long windowBase;

    private long remaining;
    private ByteBuffer handedOut;
    private int handedOutBase;

    private long skipRemaining;

    /** The input buffer of the last small payload copied, and a segment over all of it. */
    private ByteBuffer lastInput;
    private MemorySegment lastInputSegment;

    ProtocolDecoder(BufferAllocator allocator, long maxFrameBytes, IpcReadOptions tableOptions) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.maxFrameBytes = maxFrameBytes;
        this.tableOptions = Objects.requireNonNull(tableOptions, "tableOptions");
    }

    /** Routes the peer's tags to our registrations: done by the handshake once the hello matched. */
    void bind(Registration[] routesByPeerTag) {
        this.routes = routesByPeerTag.clone();
    }

    /** True after an error the decoder cannot go on from. */
    boolean isFailed() {
        return state == State.FAILED;
    }

    /** Frames decoded so far (not counting the hello). */
    long frameCount() {
        return frameIndex;
    }

    @Override
    public Inbound decode(ByteBuffer in) throws IOException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        if (state == State.FAILED) {
            throw new IllegalStateException("decoder failed earlier");
        }
        try {
            return step(in);
        } catch (IOException e) {
            if (state != State.SKIP) {
                fail();
            }
            throw e;
        } catch (RuntimeException e) {
            fail();
            throw new ProtocolException(where() + ": " + e, route == null ? null : route.name(), e);
        }
    }

    private Inbound step(ByteBuffer in) throws IOException {
        for (;;) {
            switch (state) {
                case HELLO -> {
                    Hello hello = readHello(in);
                    if (hello == null) {
                        return null;
                    }
                    state = State.HEADER;
                    return hello;
                }
                case HEADER -> {
                    if (routes == null) {
                        throw new IllegalStateException("frames arrived before the handshake bound the peer's tags");
                    }
                    if (!readHeader(in)) {
                        return null;
                    }
                    Inbound empty = startFrame();
                    if (empty != null) {
                        return empty;
                    }
                }
                case MESSAGE -> {
                    if (window == null && length <= capacity && in.remaining() >= length) {
                        // The whole payload is here (a small message in the staging buffer): one
                        // copy, no window made for it.
                        int position = in.position();
                        MemorySegment.copy(segmentOf(in), position, block.segment(), 0, length);
                        in.position(position + (int) length);
                        return new Delivered(complete());
                    }
                    RawMessage message = takeStock();
                    if (message != null) {
                        return new Delivered(message);
                    }
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    int take = Math.min(in.remaining(), window.remaining());
                    int position = in.position();
                    window.put(window.position(), in, position, take);
                    window.position(window.position() + take);
                    in.position(position + take);
                    consumed += take;
                }
                case TABLE -> {
                    Inbound delivered = table(in);
                    if (delivered != null) {
                        return delivered;
                    }
                    if (state == State.TABLE) {
                        return null;
                    }
                }
                case SKIP -> {
                    long take = Math.min(in.remaining(), skipRemaining);
                    in.position(in.position() + (int) take);
                    consumed += take;
                    skipRemaining -= take;
                    if (skipRemaining > 0) {
                        return null;
                    }
                    endFrame();
                }
                case FAILED -> throw new IllegalStateException("decoder failed earlier");
            }
        }
    }

    // ---- hello -------------------------------------------------------------------------------

    private Hello readHello(ByteBuffer in) throws IOException {
        while (helloFill < Hello.HEAD_BYTES) {
            if (!in.hasRemaining()) {
                return null;
            }
            helloHead[helloFill++] = in.get();
            consumed++;
            if (helloFill == Hello.MAGIC.length) {
                Hello.checkMagic(helloHead);
            } else if (helloFill == 6 && Hello.version(helloHead) != Hello.VERSION) {
                throw new ProtocolVersionException(Hello.VERSION, Hello.version(helloHead));
            }
        }
        if (helloBody == null) {
            long bodyLength = Hello.bodyLength(helloHead);
            if (bodyLength > Hello.MAX_BODY_BYTES) {
                throw new FrameTooLargeException("the peer's handshake body", bodyLength, Hello.MAX_BODY_BYTES);
            }
            helloBody = new byte[(int) bodyLength];
        }
        int take = Math.min(in.remaining(), helloBody.length - helloBodyFill);
        in.get(helloBody, helloBodyFill, take);
        helloBodyFill += take;
        consumed += take;
        if (helloBodyFill < helloBody.length) {
            return null;
        }
        Hello hello = Hello.parse(Hello.version(helloHead), Hello.maxFrameBytes(helloHead), helloBody);
        helloBody = null;
        return hello;
    }

    // ---- frames ------------------------------------------------------------------------------

    private boolean readHeader(ByteBuffer in) {
        if (headerFill == 0) {
            frameOffset = consumed;
            int position = in.position();
            if (in.limit() - position >= HEADER_BYTES) {
                // The whole header is here: read it in place (a bulk get of 5 bytes costs more).
                tag = in.get(position) & 0xFF;
                length = (in.get(position + 1) & 0xFFL) | (in.get(position + 2) & 0xFFL) << 8
                        | (in.get(position + 3) & 0xFFL) << 16 | (in.get(position + 4) & 0xFFL) << 24;
                in.position(position + HEADER_BYTES);
                consumed += HEADER_BYTES;
                return true;
            }
        }
        int take = Math.min(HEADER_BYTES - headerFill, in.remaining());
        in.get(header, headerFill, take);
        headerFill += take;
        consumed += take;
        if (headerFill < HEADER_BYTES) {
            return false;
        }
        headerFill = 0;
        tag = header[0] & 0xFF;
        length = (header[1] & 0xFFL) | (header[2] & 0xFFL) << 8 | (header[3] & 0xFFL) << 16 | (header[4] & 0xFFL) << 24;
        return true;
    }

    /** Checks the header and sets up the payload; returns an empty message at once. */
    private Inbound startFrame() throws IOException {
        route = routes[tag];
        if (route == null) {
            throw new ProtocolException(where() + ": tag " + tag + " was not registered by the peer");
        }
        if (length > maxFrameBytes) {
            if (route.kind() == ChannelKind.MESSAGE) {
                skip(); // the frame is dropped and the stream goes on
            }
            throw new FrameTooLargeException(where(), length, maxFrameBytes);
        }
        if (route.kind() == ChannelKind.TABLE) {
            if (length == 0) {
                throw new ProtocolException(where() + ": an empty table frame (it must hold an IPC message)",
                        route.name());
            }
            remaining = length;
            if (tables[tag] == null) {
                tables[tag] = new StreamDecoder(allocator, tableOptions);
            }
            state = State.TABLE;
            return null;
        }
        if (length == 0) {
            RawMessage message = RawMessage.empty(route.name());
            endFrame();
            return new Delivered(message);
        }
        long first = Math.min(length, PREALLOCATE_BYTES);
        try {
            block = allocator.allocateUninitialized(first);
        } catch (AllocationLimitException e) {
            skip();
            throw new IOException(where() + ": cannot allocate " + first + " bytes for a payload of " + length
                    + " bytes: " + e.getMessage(), e);
        }
        capacity = first;
        window = null;
        windowBase = 0;
        state = State.MESSAGE;
        return null;
    }

    /** Counts what landed in the payload's window; returns the message when it is complete. */
    private RawMessage takeStock() throws IOException {
        long filled = window == null ? 0 : windowBase + window.position();
        if (filled == length) {
            return complete();
        }
        if (window == null || !window.hasRemaining()) {
            if (filled == capacity) {
                grow(filled);
            }
            window = block.segment().asSlice(filled, Math.min(capacity - filled, MAX_WINDOW)).asByteBuffer();
            windowBase = filled;
        }
        return null;
    }

    /** The payload is whole: hands its block over to the message. */
    private RawMessage complete() {
        RawMessage message = RawMessage.owning(route.name(), block, length);
        block = null;
        window = null;
        consumed = frameOffset + HEADER_BYTES + length; // most of it may have gone through directBuffer()
        endFrame();
        return message;
    }

    /**
     * A segment over all of {@code in}'s memory, made once per input buffer: a reader hands the
     * same staging buffer every time, and a view made per frame would cost more than the copy of a
     * small payload.
     */
    private MemorySegment segmentOf(ByteBuffer in) {
        if (in != lastInput) {
            lastInputSegment = MemorySegment.ofBuffer(in.duplicate().clear());
            lastInput = in;
        }
        return lastInputSegment;
    }

    /** Moves the bytes so far into a block twice as large (at most the payload's length). */
    private void grow(long filled) throws IOException {
        long next = Math.min(length, Math.max(capacity * 2, capacity + 64));
        MemoryBlock bigger;
        try {
            bigger = allocator.allocateUninitialized(next);
        } catch (AllocationLimitException e) {
            releaseBlock();
            state = State.SKIP;
            skipRemaining = length - filled;
            throw new IOException(where() + ": cannot grow the payload's block to " + next + " bytes after " + filled
                    + " of " + length + ": " + e.getMessage(), e);
        }
        MemorySegment.copy(block.segment(), 0, bigger.segment(), 0, filled);
        block.release();
        block = bigger;
        capacity = next;
    }

    // ---- table frames ------------------------------------------------------------------------

    /**
     * Feeds the frame's bytes to the channel's IPC decoder; returns a batch when one completes. On
     * return without one, either {@code in} is used up (state still TABLE) or the frame is done.
     */
    private Inbound table(ByteBuffer in) throws IOException {
        accountHandedOut();
        StreamDecoder decoder = tables[tag];
        for (;;) {
            int n = (int) Math.min(remaining, in.remaining());
            int limit = in.limit();
            int start = in.position();
            IpcMessage message;
            in.limit(start + n);
            try {
                message = decoder.decode(in);
            } catch (IOException e) {
                throw inChannel(e);
            } finally {
                in.limit(limit);
            }
            int used = in.position() - start;
            remaining -= used;
            consumed += used;
            if (message == null) {
                if (remaining == 0) {
                    endTableFrame();
                    return null;
                }
                ByteBuffer direct = decoder.directBuffer();
                if (direct != null && direct.remaining() > remaining) {
                    throw new InvalidIpcException(where() + ": the IPC message's body runs past the end of the frame ("
                            + direct.remaining() + " body bytes to come, " + remaining + " frame bytes left)");
                }
                return null;
            }
            TableBatch batch = interpret(message);
            if (remaining == 0) {
                try {
                    endTableFrame();
                } catch (IOException | RuntimeException e) {
                    if (batch != null) {
                        batch.close();
                    }
                    throw e;
                }
            }
            if (batch != null) {
                return new Delivered(batch);
            }
            if (state != State.TABLE) {
                return null;
            }
        }
    }

    /** Applies a decoded IPC message; returns the batch it carries, if any. */
    private TableBatch interpret(IpcMessage message) throws IOException {
        return switch (message) {
            case IpcMessage.SchemaMessage s -> {
                Optional<ArrayEquality.Difference> difference = ArrayEquality.defaults().compare(route.schema(),
                        s.schema());
                if (difference.isPresent()) {
                    throw new ProtocolMismatchException(where() + ": the peer's schema differs from the one "
                            + "registered here: " + difference.get(), List.of(
                                    new ProtocolMismatchException.Mismatch(route.name(), "schema " + route.schema(),
                                            "schema " + s.schema())));
                }
                yield null;
            }
            case IpcMessage.DictionaryBatch d -> null;
            case IpcMessage.RecordBatchMessage b -> new TableBatch(route.name(), b.batch());
            case IpcMessage.EndOfStream e -> throw new ProtocolException(where()
                    + ": an IPC end-of-stream marker (table channels do not end)", route.name());
        };
    }

    private void endTableFrame() throws IOException {
        if (!tables[tag].atFrameBoundary()) {
            throw new InvalidIpcException(where() + ": the frame of " + length + " bytes ends inside an IPC message");
        }
        endFrame();
    }

    /** Counts the bytes a reader wrote into the IPC body window handed out last. */
    private void accountHandedOut() {
        if (handedOut != null) {
            int written = handedOut.position() - handedOutBase;
            remaining -= written;
            consumed += written;
            handedOut = null;
        }
    }

    /** The same exception type, with the channel and frame in front of its message. */
    private IOException inChannel(IOException e) {
        String prefix = where() + ": ";
        IOException wrapped = switch (e) {
            case FrameTooLargeException t -> new FrameTooLargeException(where() + ", an IPC length", t.length(),
                    t.maximum());
            case UnsupportedIpcFeatureException u -> new UnsupportedIpcFeatureException(prefix + u.getMessage());
            case InvalidIpcException i -> new InvalidIpcException(prefix + i.getMessage(), i);
            case CorruptFrameException c -> new InvalidIpcException(prefix + c.getMessage(), c);
            case EOFException eof -> new EOFException(prefix + eof.getMessage());
            default -> new IOException(prefix + e.getMessage(), e);
        };
        if (wrapped.getCause() == null) {
            wrapped.initCause(e);
        }
        return wrapped;
    }

    // ---- common ------------------------------------------------------------------------------

    private void skip() {
        releaseBlock();
        state = State.SKIP;
        skipRemaining = length;
        if (length == 0) {
            endFrame();
        }
    }

    private void endFrame() {
        state = State.HEADER;
        frameIndex++;
    }

    /** "table 'metrics' (peer tag 3), frame 12 at stream offset 4711", or the hello. */
    private String where() {
        if (state == State.HELLO) {
            return "the peer's handshake";
        }
        String channel = route == null || routes == null || routes[tag] != route ? "tag " + tag
                : route.kind() + " '" + route.name() + "' (peer tag " + tag + ")";
        return channel + ", frame " + frameIndex + " at stream offset " + frameOffset;
    }

    /**
     * The memory a reader may fill directly: the rest of a message payload's window, or the IPC
     * body window of a table frame when it lies within the frame. Null otherwise.
     */
    @Override
    public ByteBuffer directBuffer() {
        if (closed) {
            return null;
        }
        if (state == State.MESSAGE) {
            return window;
        }
        if (state == State.TABLE) {
            accountHandedOut();
            ByteBuffer direct = tables[tag].directBuffer();
            if (direct == null || direct.remaining() > remaining) {
                return null; // past the frame: the bytes go through decode, which stops at the frame's end
            }
            handedOut = direct;
            handedOutBase = direct.position();
            return direct;
        }
        return null;
    }

    @Override
    public void finish() throws IOException {
        if (atFrameBoundary()) {
            return;
        }
        accountHandedOut();
        String detail = switch (state) {
            case HELLO -> "the peer's handshake, after " + (helloFill + helloBodyFill) + " bytes";
            case HEADER -> "the header of frame " + frameIndex + " at stream offset " + frameOffset + ", after "
                    + headerFill + " of " + HEADER_BYTES + " bytes";
            case MESSAGE -> where() + ", after " + (window == null ? 0 : windowBase + window.position()) + " of "
                    + length + " payload bytes";
            case TABLE -> where() + ", after " + (length - remaining) + " of " + length + " payload bytes";
            case SKIP -> where() + ", while skipping an oversized payload, " + skipRemaining + " of " + length
                    + " bytes missing";
            case FAILED -> "a frame after an earlier error";
        };
        fail();
        throw new EOFException("input ended inside " + detail);
    }

    @Override
    public boolean atFrameBoundary() {
        return state == State.HEADER && headerFill == 0;
    }

    private void fail() {
        state = State.FAILED;
        releaseBlock();
    }

    private void releaseBlock() {
        window = null;
        if (block != null) {
            MemoryBlock b = block;
            block = null;
            b.release();
        }
    }

    /** Frees a partial payload and the table channels' decoders (their dictionaries). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseBlock();
        handedOut = null;
        for (int i = 0; i < tables.length; i++) {
            if (tables[i] != null) {
                tables[i].close();
                tables[i] = null;
            }
        }
    }
}
