package dev.lightstream.cli.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bytes of a CSV or Parquet output on their way to a path or stdout, as {@link IpcSink} does it
 * for IPC: a path is written to a hidden temporary file beside it and moved into place on
 * {@link #commit()}, so that a failed conversion leaves nothing half-written; stdout is written
 * as it goes. Counts the bytes.
 */
final class PendingOutput {
    private final Path temporary;
    private final Path target;
    private final CountingStream stream;

    private PendingOutput(OutputStream out, Path temporary, Path target) {
        this.stream = new CountingStream(new BufferedOutputStream(out, 1 << 16));
        this.temporary = temporary;
        this.target = target;
    }

    /** Opens {@code spec}: a path, or {@code -} for stdout (which is not closed with the output). */
    static PendingOutput open(String spec, Console console) throws IOException {
        if (spec.equals("-")) {
            // The console's stdout channel is not closed by closing this stream.
            return new PendingOutput(Channels.newOutputStream(console.stdoutChannel()), null, null);
        }
        Path target = Path.of(spec).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(spec + " is a directory");
        }
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new PendingOutput(out, temporary, target);
    }

    /** The stream to write to; the writer on top may close it. */
    OutputStream stream() {
        return stream;
    }

    long bytes() {
        return stream.count;
    }

    /** After the writer closed the stream: moves a file into place. */
    void commit() throws IOException {
        stream.close();
        if (temporary != null) {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Closes the stream and deletes the temporary file, if any. */
    void discard() throws IOException {
        try {
            stream.close();
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;
        private boolean closed;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                super.close();
            }
        }
    }
}
