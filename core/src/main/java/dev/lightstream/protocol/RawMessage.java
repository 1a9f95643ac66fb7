package dev.lightstream.protocol;

import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A message on a named message channel: opaque bytes whose meaning the two sides agree on (raw
 * bytes, UTF-8 text, MessagePack, Protobuf...).
 *
 * <p>A received message owns its payload: the bytes landed straight from the transport in a
 * 64-byte-aligned {@link MemoryBlock}, and {@link #close()} gives it back. A message made with
 * {@link #of(String, MemorySegment)} only borrows the caller's memory, and closing it does nothing.
 *
 * {@snippet :
 * try (LightstreamMessage received = connection.receive()) {
 *     if (received instanceof RawMessage m) {
 *         MemorySegment bytes = m.payload();        // valid until close(), no copy
 *         String text = m.utf8();                   // a copy, decoded
 *     }
 * }
 * connection.send(RawMessage.of("event", "login".getBytes(StandardCharsets.UTF_8)));
 * }
 */
public final class RawMessage implements LightstreamMessage {
    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);

    private final String name;
    private final MemorySegment payload;
    private final MemoryBlock block;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RawMessage(String name, MemorySegment payload, MemoryBlock block) {
        this.name = Objects.requireNonNull(name, "name");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.block = block;
    }

    /** A message whose payload is {@code payload}, borrowed: keep it unchanged until it is sent. */
    public static RawMessage of(String name, MemorySegment payload) {
        return new RawMessage(name, payload, null);
    }

    /** A message whose payload is {@code payload}, borrowed (not copied). */
    public static RawMessage of(String name, byte[] payload) {
        return of(name, MemorySegment.ofArray(payload));
    }

    /** A message that owns the first {@code length} bytes of {@code block}, released on close. */
    static RawMessage owning(String name, MemoryBlock block, long length) {
        return new RawMessage(name, block.segment().asSlice(0, length), block);
    }

    /** A received message with an empty payload. */
    static RawMessage empty(String name) {
        return new RawMessage(name, EMPTY, null);
    }

    @Override
    public String name() {
        return name;
    }

    /** The payload's length in bytes. */
    public long length() {
        return payload.byteSize();
    }

    /**
     * The payload, exactly {@link #length()} bytes.
     *
     * @throws IllegalStateException if the message owned its payload and has been closed
     */
    public MemorySegment payload() {
        if (block != null && closed.get()) {
            throw new IllegalStateException("message '" + name + "' used after close");
        }
        return payload;
    }

    /** A read-only view of the payload (no copy); payloads over 2 GiB do not fit one. */
    public ByteBuffer asByteBuffer() {
        return payload().asByteBuffer().asReadOnlyBuffer();
    }

    /** A copy of the payload. */
    public byte[] toByteArray() {
        return payload().toArray(ValueLayout.JAVA_BYTE);
    }

    /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String utf8() {
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * The block holding a received payload, or null for a borrowed or empty one. A caller that keeps
     * the payload beyond {@link #close()} retains the block first.
     */
    public MemoryBlock block() {
        return block;
    }

    /** Releases the payload's block if the message owns one. Idempotent and thread-safe. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && block != null) {
            block.release();
        }
    }

    @Override
    public String toString() {
        return "RawMessage[name=" + name + ", length=" + payload.byteSize() + "]";
    }
}
