package dev.lightstream.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/** A gathering channel that keeps what is written, counts write calls and takes at most {@code perCall} bytes each. */
final class RecordingGatheringChannel implements GatheringByteChannel {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int writeCalls;
    int maxBuffersPerCall;
    private final int perCall;
    private int failAfterCalls = -1;

    RecordingGatheringChannel(int perCall) {
        this.perCall = perCall;
    }

    void failAfter(int calls) {
        failAfterCalls = calls;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (failAfterCalls >= 0 && writeCalls >= failAfterCalls) {
            throw new IOException("broken pipe (test)");
        }
        writeCalls++;
        maxBuffersPerCall = Math.max(maxBuffersPerCall, length);
        long budget = perCall;
        long total = 0;
        for (int i = offset; i < offset + length && budget > 0; i++) {
            ByteBuffer src = srcs[i];
            int n = (int) Math.min(budget, src.remaining());
            byte[] chunk = new byte[n];
            src.get(chunk);
            bytes.writeBytes(chunk);
            budget -= n;
            total += n;
        }
        return total;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src});
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {}
}
