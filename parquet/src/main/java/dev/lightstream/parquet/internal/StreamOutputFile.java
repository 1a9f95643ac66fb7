package dev.lightstream.parquet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A parquet-java {@link OutputFile} over an {@link OutputStream} that the caller opened: a Parquet
 * file is written front to back, so any stream (a file, a socket, a pipe) will do. The position is
 * counted here; the stream is closed with the writer.
 */
public final class StreamOutputFile implements OutputFile {
    private final OutputStream out;
    private boolean created;

    public StreamOutputFile(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        if (created) {
            throw new IllegalStateException("the output stream is written once");
        }
        created = true;
        return new PositionOutputStream() {
            private long position;

            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                position += len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }
}
