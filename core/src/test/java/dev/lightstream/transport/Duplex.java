package dev.lightstream.transport;

import dev.lightstream.codec.FramedReader;
import dev.lightstream.codec.FramedWriter;
import dev.lightstream.codec.tlv.TlvDecoder;
import dev.lightstream.codec.tlv.TlvEncoder;
import dev.lightstream.codec.tlv.TlvFrame;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Both directions of a connection at once: a writer thread sends seeded traffic while the calling
 * thread reads the peer's, as an application with a reader and a writer would.
 */
public final class Duplex {
    private Duplex() {}

    /** What one side sent and received. */
    public record Result(FrameTraffic.Digest sent, FrameTraffic.Digest received) {}

    /**
     * Sends {@code bytes} of traffic from {@code seed} and reads the peer's until its end. With
     * {@code halfClose} the writer ends by shutting the output down; otherwise with an end frame.
     */
    public static Result run(Connection connection, BufferAllocator allocator, long seed, long bytes,
            boolean halfClose) throws IOException, InterruptedException {
        FutureTask<FrameTraffic.Digest> writing = new FutureTask<>(() -> {
            try {
                FramedWriter<TlvFrame> writer = new FramedWriter<>(connection, new TlvEncoder());
                FrameTraffic.Digest sent = FrameTraffic.send(writer, seed, bytes, !halfClose);
                if (halfClose) {
                    connection.shutdownOutput();
                }
                return sent;
            } catch (Throwable t) {
                connection.close(); // wake the reader: the test fails with this, not a timeout
                throw t;
            }
        });
        Thread writer = Thread.ofVirtual().name("duplex-writer").start(writing);
        FrameTraffic.Digest received;
        try (FramedReader<TlvFrame> reader =
                new FramedReader<>(connection, new TlvDecoder(allocator, FrameTraffic.MAX_VALUE))) {
            received = FrameTraffic.receive(reader);
        } catch (IOException | RuntimeException e) {
            connection.close(); // unblock the writer
            writer.join();
            if (writing.state() == java.util.concurrent.Future.State.FAILED) {
                e.addSuppressed(writing.exceptionNow());
            }
            throw e;
        }
        try {
            return new Result(writing.get(), received);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
