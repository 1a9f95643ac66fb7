package dev.lightstream.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Views of the standard channels whose {@code close()} only stops this view: readers and writers
 * close the channel they are given, and stdin and stdout must outlive them. The write view stays
 * a {@link GatheringByteChannel}, so that a writer still sends each message in one system call.
 */
final class UnclosableChannels {
    private UnclosableChannels() {}

    static ReadableByteChannel of(ReadableByteChannel channel) {
        return new Reader(channel);
    }

    static GatheringByteChannel of(WritableByteChannel channel) {
        return new Writer(channel);
    }

    private static final class Reader implements ReadableByteChannel {
        private final ReadableByteChannel channel;

        Reader(ReadableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // Stdin outlives the reader that closes this view.
        }
    }

    private static final class Writer implements GatheringByteChannel {
        private final WritableByteChannel channel;

        Writer(WritableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (channel instanceof GatheringByteChannel gathering) {
                return gathering.write(srcs, offset, length);
            }
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                while (srcs[i].hasRemaining()) {
                    total += channel.write(srcs[i]);
                }
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // Stdout outlives the writer that closes this view.
        }
    }
}
