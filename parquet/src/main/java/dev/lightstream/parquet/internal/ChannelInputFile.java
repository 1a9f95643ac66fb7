package dev.lightstream.parquet.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A parquet-java {@link InputFile} over a {@link SeekableByteChannel}: a file path (each stream
 * opens its own channel) or a channel the caller gives (shared by the streams, each of which
 * seeks before it reads).
 */
public final class ChannelInputFile implements InputFile {
    private final Path path;
    private final SeekableByteChannel shared;

    private ChannelInputFile(Path path, SeekableByteChannel shared) {
        this.path = path;
        this.shared = shared;
    }

    public static ChannelInputFile of(Path path) {
        return new ChannelInputFile(path, null);
    }

    public static ChannelInputFile of(SeekableByteChannel channel) {
        return new ChannelInputFile(null, channel);
    }

    @Override
    public long getLength() throws IOException {
        if (shared != null) {
            return shared.size();
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.size();
        }
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        SeekableByteChannel channel = shared != null ? shared : FileChannel.open(path, StandardOpenOption.READ);
        return new ChannelStream(channel, shared == null);
    }

    private static final class ChannelStream extends SeekableInputStream {
        private final SeekableByteChannel channel;
        private final boolean owned;
        private long position;

        ChannelStream(SeekableByteChannel channel, boolean owned) {
            this.channel = channel;
            this.owned = owned;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new EOFException("seek to " + newPos);
            }
            position = newPos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (!buf.hasRemaining()) {
                return 0;
            }
            channel.position(position);
            int n = channel.read(buf);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            readFully(ByteBuffer.wrap(bytes, start, len));
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("Parquet file ends at byte " + position + ", " + buf.remaining()
                            + " more bytes expected");
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (owned) {
                channel.close();
            }
        }
    }
}
