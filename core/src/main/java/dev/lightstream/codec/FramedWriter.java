package dev.lightstream.codec;

import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A blocking writer of frames: a {@link FrameEncoder} over a {@link GatheringByteChannel}.
 *
 * <p>Each frame is encoded into a list of buffers (a small header, then payloads where they lie)
 * and sent with one gathering write, so payload bytes are never concatenated into a staging copy.
 * {@link #write(Object)} sends one frame at once; {@link #append(Object)} queues frames and
 * {@link #flush()} sends everything queued in one gathering write, which saves system calls when
 * many small frames go out together.
 *
 * {@snippet :
 * FramedWriter<TlvFrame> writer = new FramedWriter<>(connection, new TlvEncoder());
 * writer.write(TlvFrame.of(1, bytes));      // sent when this returns
 * writer.append(TlvFrame.of(2, more));      // queued: keep its memory alive...
 * writer.append(TlvFrame.of(3, evenMore));
 * writer.flush();                           // ...until both went out in one write
 * }
 *
 * <p>The buffers of a queued frame share its memory: do not release or change a frame before the
 * {@code flush()} that sends it returns. The writer does not own the channel and never closes it.
 *
 * <p>If a write fails, the bytes on the wire may end inside a frame, so the writer refuses every
 * later call with an {@link IOException}. Thread-safe: each call runs under a lock, so frames
 * written by several threads are never interleaved.
 *
 * @param <F> the frame type
 */
public final class FramedWriter<F> implements Flushable {
    private final GatheringByteChannel channel;
    private final FrameEncoder<F> encoder;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ByteBuffer> pending = new ArrayList<>();
    private ByteBuffer[] array = new ByteBuffer[16];
    private long bytesWritten;
    private IOException failure;

    /**
     * A writer of frames encoded by {@code encoder} to {@code channel}.
     *
     * @throws IllegalArgumentException if the channel is a non-blocking selectable channel
     */
    public FramedWriter(GatheringByteChannel channel, FrameEncoder<F> encoder) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
            throw new IllegalArgumentException("channel is in non-blocking mode: " + channel);
        }
    }

    /**
     * Sends {@code frame}, after any frames queued by {@link #append}, in one gathering write.
     *
     * @throws IOException if the frame cannot be encoded or the channel fails
     */
    public void write(F frame) throws IOException {
        lock.lock();
        try {
            appendLocked(frame);
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code frames}, after any frames queued by {@link #append}, in one gathering write.
     *
     * @throws IOException if a frame cannot be encoded or the channel fails
     */
    public void writeAll(Iterable<? extends F> frames) throws IOException {
        lock.lock();
        try {
            for (F frame : frames) {
                appendLocked(frame);
            }
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Encodes {@code frame} and queues its buffers until the next {@link #flush()}; nothing is written.
     * The frame's memory must stay valid until then.
     *
     * @throws IOException if the frame cannot be encoded (nothing is queued for it then)
     */
    public void append(F frame) throws IOException {
        lock.lock();
        try {
            appendLocked(frame);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes every queued frame in one gathering write (looping only when the channel takes part of
     * it), then flushes the channel if it is {@link Flushable}.
     *
     * @throws IOException if the channel fails
     */
    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            flushLocked();
        } finally {
            lock.unlock();
        }
    }

    private void appendLocked(F frame) throws IOException {
        checkUsable();
        Objects.requireNonNull(frame, "frame");
        int mark = pending.size();
        try {
            encoder.encode(frame, pending);
        } catch (IOException | RuntimeException e) {
            // A frame that could not be encoded leaves no partial buffers behind.
            pending.subList(mark, pending.size()).clear();
            throw e;
        }
    }

    private void flushLocked() throws IOException {
        checkUsable();
        int count = pending.size();
        if (count > 0) {
            if (array.length < count) {
                array = new ByteBuffer[Math.max(count, array.length * 2)];
            }
            ByteBuffer[] buffers = pending.toArray(array);
            long remaining = 0;
            for (int i = 0; i < count; i++) {
                remaining += buffers[i].remaining();
            }
            try {
                int first = 0;
                while (remaining > 0) {
                    while (!buffers[first].hasRemaining()) {
                        first++;
                    }
                    long n = channel.write(buffers, first, count - first);
                    remaining -= n;
                    bytesWritten += n;
                }
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
                throw e;
            } finally {
                pending.clear();
                Arrays.fill(array, 0, count, null);
            }
        }
        if (channel instanceof Flushable flushable) {
            flushable.flush();
        }
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier write failed, the stream may end inside a frame", failure);
        }
    }

    /** Bytes written to the channel so far. */
    public long bytesWritten() {
        lock.lock();
        try {
            return bytesWritten;
        } finally {
            lock.unlock();
        }
    }

    /** Number of buffers queued by {@link #append} and not yet flushed. */
    public int pendingBuffers() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }
}
