package dev.lightstream.protocol;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.util.List;

/**
 * The sending half of a connection: writes {@code [tag: u8][length: u32 LE][payload]} frames to a
 * gathering channel, coalescing small ones.
 *
 * <p>A frame whose payload is at most {@link #COPY_BYTES} is copied into a 64 KiB direct buffer
 * and goes out with the next write; a larger one goes out at once in one gathering write of the
 * buffer (holding any queued frames and this frame's header) and the payload where it lies, so
 * large payloads and IPC bodies are never copied. Many small messages thus cost one system call
 * per 64 KiB instead of one each; {@link #flush()} sends what is queued.
 *
 * <p>Not thread-safe: the connection calls it under its send lock. After a failed write the bytes
 * on the wire may end inside a frame, so every later call throws.
 */
final class FrameWriter {
    /** Payloads up to this size are copied into the buffer rather than written from where they lie. */
    static final int COPY_BYTES = 8 * 1024;
    static final int BUFFER_BYTES = 64 * 1024;
    /** Largest ByteBuffer view of a payload: a buffer cannot exceed 2 GiB. */
    private static final long MAX_CHUNK = 1L << 30;

    private final GatheringByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
    private ByteBuffer[] gather = new ByteBuffer[16];
    private IOException failure;
    private long bytesWritten;

    FrameWriter(GatheringByteChannel channel) {
        this.channel = channel;
    }

    /** Queues bytes that are not a frame (the hello). */
    void raw(byte[] bytes) throws IOException {
        checkUsable();
        int offset = 0;
        while (offset < bytes.length) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(buffer.remaining(), bytes.length - offset);
            buffer.put(bytes, offset, n);
            offset += n;
        }
    }

    /** Writes or queues a frame of {@code payload}. */
    void frame(int tag, MemorySegment payload) throws IOException {
        checkUsable();
        long length = payload.byteSize();
        boolean copy = length <= COPY_BYTES;
        if (buffer.remaining() < (copy ? 5 + length : 5)) {
            flush();
        }
        int mark = buffer.position();
        int count = copy ? 0 : (int) ((length + MAX_CHUNK - 1) / MAX_CHUNK);
        try {
            header(tag, length);
            if (copy) {
                MemorySegment.copy(payload, 0, bufferSegment, buffer.position(), length);
                buffer.position(buffer.position() + (int) length);
                return;
            }
            ensureGather(1 + count);
            for (int i = 0; i < count; i++) {
                long offset = i * MAX_CHUNK;
                gather[1 + i] = payload.asSlice(offset, Math.min(MAX_CHUNK, length - offset)).asByteBuffer();
            }
        } catch (RuntimeException e) {
            // A payload that cannot be read (closed, an int[] segment...): take the header back.
            buffer.position(mark);
            java.util.Arrays.fill(gather, null);
            throw e;
        }
        gather[0] = buffer.flip();
        writeGathered(1 + count);
    }

    /** Writes or queues a frame whose payload is {@code parts} ({@code length} bytes in all). */
    void frame(int tag, List<ByteBuffer> parts, long length) throws IOException {
        checkUsable();
        if (length <= COPY_BYTES) {
            if (buffer.remaining() < 5 + length) {
                flush();
            }
            header(tag, length);
            for (ByteBuffer part : parts) {
                buffer.put(part.duplicate());
            }
            return;
        }
        if (buffer.remaining() < 5) {
            flush();
        }
        header(tag, length);
        ensureGather(1 + parts.size());
        gather[0] = buffer.flip();
        for (int i = 0; i < parts.size(); i++) {
            gather[1 + i] = parts.get(i);
        }
        writeGathered(1 + parts.size());
    }

    private void header(int tag, long length) {
        buffer.put((byte) tag).putInt((int) length);
    }

    private void ensureGather(int count) {
        if (gather.length < count) {
            gather = new ByteBuffer[Math.max(count, gather.length * 2)];
        }
    }

    private void writeGathered(int count) throws IOException {
        try {
            long total = 0;
            for (int i = 0; i < count; i++) {
                total += gather[i].remaining();
            }
            // A Connection writes every byte in one call; a plain channel may need several.
            int first = 0;
            long left = total;
            while (left > 0) {
                left -= channel.write(gather, first, count - first);
                while (first < count && !gather[first].hasRemaining()) {
                    first++;
                }
            }
            bytesWritten += total;
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            throw e;
        } finally {
            for (int i = 0; i < count; i++) {
                gather[i] = null;
            }
            buffer.clear();
        }
    }

    /** Writes what is queued. */
    void flush() throws IOException {
        checkUsable();
        if (buffer.position() == 0) {
            return;
        }
        ensureGather(1);
        gather[0] = buffer.flip();
        writeGathered(1);
    }

    /** True when frames are queued. */
    boolean hasQueued() {
        return buffer.position() > 0;
    }

    /** Bytes written to the channel so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** The write that failed, or null. */
    IOException failure() {
        return failure;
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write failed, so the output may end inside a frame: " + failure, failure);
        }
    }
}
