package dev.lightstream.net;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection that records where every read put its bytes and what every write was given, to
 * check zero-copy receive and gathering writes.
 */
final class RecordingConnection implements Connection {
    /** A read: the address of the bytes it filled and how many; {@code direct} false for a heap buffer. */
    record Read(boolean direct, long address, int bytes) {}

    /** One write call: the buffers it was given. */
    record Write(List<Span> buffers) {}

    /** A buffer given to a write: where its remaining bytes are and how many; address 0 for heap buffers. */
    record Span(boolean direct, long address, long bytes) {}

    private final Connection delegate;
    final List<Read> reads = new ArrayList<>();
    final List<Write> writes = new ArrayList<>();

    RecordingConnection(Connection delegate) {
        this.delegate = delegate;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        boolean direct = dst.isDirect();
        long address = direct ? MemorySegment.ofBuffer(dst).address() : 0;
        int n = delegate.read(dst);
        if (n > 0) {
            synchronized (this) {
                reads.add(new Read(direct, address, n));
            }
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("not used by the readers under test");
    }

    @Override
    public long read(ByteBuffer[] dsts) throws IOException {
        return read(dsts, 0, dsts.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        record(new ByteBuffer[] {src}, 0, 1);
        return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        record(srcs, offset, length);
        return delegate.write(srcs, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    private synchronized void record(ByteBuffer[] srcs, int offset, int length) {
        List<Span> spans = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            ByteBuffer b = srcs[i];
            spans.add(new Span(b.isDirect(), b.isDirect() ? MemorySegment.ofBuffer(b).address() : 0, b.remaining()));
        }
        writes.add(new Write(spans));
    }

    @Override
    public SocketAddress localAddress() {
        return delegate.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return delegate.remoteAddress();
    }

    @Override
    public void shutdownOutput() throws IOException {
        delegate.shutdownOutput();
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        delegate.setReadTimeout(timeout);
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
