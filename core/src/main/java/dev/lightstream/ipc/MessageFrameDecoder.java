package dev.lightstream.ipc;

import dev.lightstream.codec.CorruptFrameException;
import dev.lightstream.codec.FrameDecoder;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.internal.MessageChecks;
import dev.lightstream.memory.AllocationLimitException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Splits a byte stream into encapsulated Arrow IPC messages ({@link MessageFrame}s), with no I/O
 * and no interpretation beyond the {@code Message} header: the framing layer under
 * {@link StreamDecoder}, reusable by anything that relays IPC messages.
 *
 * <p>Reads both the current format (continuation marker {@code 0xFFFFFFFF}, int32 length) and
 * the pre-0.15 format (int32 length only), and both end-of-stream markers. Metadata versions V4
 * and V5 are accepted; V1 to V3 and unknown later versions raise
 * {@link UnsupportedIpcFeatureException}.
 *
 * <p>Memory: once a message's metadata is parsed and its body length checked against
 * {@link IpcReadOptions#maxBodyBytes()}, the decoder allocates one 64-byte-aligned block for the
 * body ({@link BufferAllocator#allocateUninitialized}) and offers its unfilled part as
 * {@link #directBuffer()}, so that a reader can fill it straight from a channel. Bodies larger
 * than {@link IpcReadOptions#PREALLOCATE_BYTES} start with a block of that size, which grows
 * (doubling) as bytes arrive. Metadata accumulates in a reused heap array that also grows only as
 * bytes arrive.
 *
 * <p>After an exception the decoder must be discarded (closed).
 *
 * {@snippet :
 * MessageFrameDecoder decoder = new MessageFrameDecoder(allocator, IpcReadOptions.DEFAULT);
 * MessageFrame frame = decoder.decode(bytes); // null: needs more bytes
 * }
 */
public final class MessageFrameDecoder implements FrameDecoder<MessageFrame> {
    private static final int PREFIX = 0;
    private static final int LENGTH = 1;
    private static final int METADATA = 2;
    private static final int BODY = 3;
    private static final int ENDED = 4;
    /** The largest window of a body offered as one ByteBuffer. */
    private static final long MAX_WINDOW = 1L << 30;

    private final BufferAllocator allocator;
    private final IpcReadOptions options;
    private final MessageChecks checks = new MessageChecks();
    private int state = PREFIX;
    private int word;
    private int wordBytes;
    private byte[] metadata = new byte[512];
    private ByteBuffer metadataView = ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN);
    private int metadataLength;
    private int metadataFill;
    private MemoryBlock body;
    private long bodyLength;
    private long bodyFill;
    private ByteBuffer window;
    private long windowBase;
    private long messageIndex;
    private boolean closed;

    public MessageFrameDecoder(BufferAllocator allocator, IpcReadOptions options) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The number of messages (including the end-of-stream marker) decoded so far. */
    public long messageCount() {
        return messageIndex;
    }

    @Override
    public MessageFrame decode(ByteBuffer in) throws IOException {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        while (true) {
            switch (state) {
                case PREFIX, LENGTH -> {
                    if (!readWord(in)) {
                        return null;
                    }
                    if (state == PREFIX && word == -1) {
                        word = 0;
                        wordBytes = 0;
                        state = LENGTH;
                        continue;
                    }
                    MessageFrame eos = startMetadata(word);
                    if (eos != null) {
                        return eos;
                    }
                }
                case METADATA -> {
                    if (!readMetadata(in)) {
                        return null;
                    }
                    if (bodyLength == 0) {
                        return emit();
                    }
                }
                case BODY -> {
                    if (!readBody(in)) {
                        return null;
                    }
                    return emit();
                }
                case ENDED -> {
                    if (in.hasRemaining()) {
                        throw new CorruptFrameException(in.remaining() + " bytes after the end-of-stream marker");
                    }
                    return null;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
    }

    private boolean readWord(ByteBuffer in) {
        while (wordBytes < 4) {
            if (!in.hasRemaining()) {
                return false;
            }
            word |= (in.get() & 0xFF) << (8 * wordBytes);
            wordBytes++;
        }
        return true;
    }

    private MessageFrame startMetadata(int length) throws IOException {
        word = 0;
        wordBytes = 0;
        if (length == 0) {
            state = ENDED;
            messageIndex++;
            return MessageFrame.END_OF_STREAM;
        }
        if (length < 0) {
            throw new InvalidIpcException("message " + messageIndex + ": metadata length " + length + " is negative");
        }
        if (length > options.maxMetadataBytes()) {
            throw new FrameTooLargeException("message " + messageIndex + " metadata", length, options.maxMetadataBytes());
        }
        metadataLength = length;
        metadataFill = 0;
        state = METADATA;
        return null;
    }

    private boolean readMetadata(ByteBuffer in) throws IOException {
        int n = Math.min(in.remaining(), metadataLength - metadataFill);
        if (metadataFill + n > metadata.length) {
            // Grow as bytes arrive, never to the declared length up front.
            int capacity = (int) Math.min(metadataLength, Math.max((long) metadata.length * 2, metadataFill + n));
            metadata = java.util.Arrays.copyOf(metadata, capacity);
            metadataView = ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN);
        }
        in.get(metadata, metadataFill, n);
        metadataFill += n;
        if (metadataFill < metadataLength) {
            return false;
        }
        metadataView.limit(metadataLength).position(0);
        bodyLength = checks.bodyLength(metadataView, "message " + messageIndex, options);
        if (bodyLength > 0) {
            allocateBody(Math.min(bodyLength, IpcReadOptions.PREALLOCATE_BYTES));
            state = BODY;
        }
        return true;
    }

    private void allocateBody(long capacity) throws IOException {
        MemoryBlock block;
        try {
            block = allocator.allocateUninitialized(capacity);
        } catch (AllocationLimitException e) {
            throw new IOException("message " + messageIndex + ": cannot allocate a body of " + capacity + " bytes: "
                    + e.getMessage(), e);
        }
        if (body != null) {
            MemorySegment.copy(body.segment(), 0, block.segment(), 0, bodyFill);
            body.release();
        }
        body = block;
        newWindow();
    }

    private void newWindow() {
        long capacity = Math.min(body.byteSize(), bodyLength);
        windowBase = bodyFill;
        window = body.segment().asSlice(bodyFill, Math.min(capacity - bodyFill, MAX_WINDOW)).asByteBuffer();
    }

    private boolean readBody(ByteBuffer in) throws IOException {
        while (true) {
            bodyFill = windowBase + window.position();
            if (bodyFill == bodyLength) {
                return true;
            }
            if (!window.hasRemaining()) {
                if (bodyFill < Math.min(body.byteSize(), bodyLength)) {
                    newWindow();
                } else {
                    allocateBody(Math.min(bodyLength, body.byteSize() * 2));
                }
                continue;
            }
            if (!in.hasRemaining()) {
                return false;
            }
            int n = Math.min(in.remaining(), window.remaining());
            if (n == in.remaining()) {
                window.put(in);
            } else {
                window.put(window.position(), in, in.position(), n);
                window.position(window.position() + n);
                in.position(in.position() + n);
            }
        }
    }

    private MessageFrame emit() {
        MessageFrame frame = new MessageFrame(metadataView, body, bodyLength);
        body = null;
        window = null;
        bodyLength = 0;
        bodyFill = 0;
        state = PREFIX;
        messageIndex++;
        return frame;
    }

    /** The unfilled part of the current message body, or null when no body is being read. */
    @Override
    public ByteBuffer directBuffer() {
        if (state != BODY || window == null) {
            return null;
        }
        if (!window.hasRemaining() && windowBase + window.position() < bodyLength) {
            return null; // the next decode call grows the block or opens the next window
        }
        return window;
    }

    @Override
    public void finish() throws IOException {
        switch (state) {
            case PREFIX -> {
                if (wordBytes > 0) {
                    throw new EOFException("input ended " + wordBytes + " bytes into the prefix of message " + messageIndex);
                }
            }
            case LENGTH -> throw new EOFException("input ended inside the length of message " + messageIndex);
            case METADATA -> throw new EOFException("input ended after " + metadataFill + " of " + metadataLength
                    + " metadata bytes of message " + messageIndex);
            case BODY -> throw new EOFException("input ended after " + (windowBase + window.position()) + " of "
                    + bodyLength + " body bytes of message " + messageIndex);
            default -> { }
        }
    }

    @Override
    public boolean atFrameBoundary() {
        return (state == PREFIX && wordBytes == 0) || state == ENDED;
    }

    /** True once the end-of-stream marker was decoded. */
    public boolean isEnded() {
        return state == ENDED;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (body != null) {
            body.release();
            body = null;
        }
        window = null;
    }
}
