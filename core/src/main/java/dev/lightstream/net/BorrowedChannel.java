package dev.lightstream.net;

import dev.lightstream.transport.Connection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * The writing side of a connection lent to an IPC writer that must not close it: closing this
 * channel leaves the connection open, so that one connection can carry several streams in turn and
 * its owner decides when it ends. Writes gather straight through to the connection.
 */
final class BorrowedChannel implements GatheringByteChannel {
    private final Connection connection;

    BorrowedChannel(Connection connection) {
        this.connection = connection;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return connection.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return connection.write(srcs, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return connection.write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Leaves the connection open: its owner closes it. */
    @Override
    public void close() {}
}
