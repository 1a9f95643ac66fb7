package dev.lightstream.transport.stdio;

import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stdio transport: this process's standard input and output as a {@link Connection}, for a
 * process that serves another through pipes (a child the other spawned, a shell pipeline).
 *
 * {@snippet :
 * try (Connection parent = StdioTransport.open()) {
 *     FramedReader<TlvFrame> in = new FramedReader<>(parent, new TlvDecoder(allocator, 1 << 20));
 *     FramedWriter<TlvFrame> out = new FramedWriter<>(parent, new TlvEncoder());
 *     ...
 * }
 * }
 *
 * <p>The connection reads and writes file descriptors 0 and 1 through {@link FileChannel}s, with no
 * {@link java.io.InputStream} or {@link java.io.PrintStream} in between: reads land straight in the
 * caller's buffer, writes gather. Two consequences: bytes that something already read through
 * {@link System#in} (which buffers) are not seen; and once stdout carries frames,
 * <b>nothing may print to {@link System#out}</b> (logs go to stderr). Nothing in Lightstream ever does.
 *
 * <p>{@link Connection#shutdownOutput()} closes stdout, which the peer reads as the end of input;
 * closing the connection closes both. A read timeout closes stdin when it expires (see
 * {@link Connection#setReadTimeout}): pipes cannot be polled otherwise.
 */
public final class StdioTransport {
    private static final AtomicBoolean OPENED = new AtomicBoolean();

    private StdioTransport() {}

    /**
     * This process's stdin and stdout as a connection. It may be opened once per process: two
     * connections would interleave their bytes on the same descriptors.
     *
     * @throws IllegalStateException if it was opened before
     */
    public static Connection open() {
        if (!OPENED.compareAndSet(false, true)) {
            throw new IllegalStateException("stdio is already open in this process");
        }
        FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
        FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
        return new PipeConnection(in, out, new PipeAddress("stdio"), new PipeAddress("stdin/stdout peer"));
    }

    /**
     * An acceptor that hands out this process's stdio (opening it then) on its first
     * {@link Acceptor#accept()} and blocks later accepts until closed, so that a server can serve its
     * one stdio peer like a socket client.
     *
     * {@snippet :
     * try (ConnectionServer server = ConnectionServer.start(StdioTransport.acceptor(), handler)) {
     *     ...
     * }
     * }
     */
    public static Acceptor acceptor() {
        return new StdioAcceptor(StdioTransport::open, new PipeAddress("stdio"));
    }

    /**
     * A connection over any two one-way channels: read from {@code in}, write to {@code out} (a pair of
     * FIFOs opened with {@link FileChannel#open}, the pipes of a child process...). The connection
     * owns both channels.
     */
    public static Connection of(ReadableByteChannel in, WritableByteChannel out, String name) {
        return new PipeConnection(in, out, new PipeAddress(name + " (local)"), new PipeAddress(name));
    }
}
