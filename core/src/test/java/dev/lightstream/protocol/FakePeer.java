package dev.lightstream.protocol;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.ipc.StreamEncoder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A hand-driven peer for tests of what a {@link LightstreamConnection} receives: writes whatever bytes
 * a test forges (a hello, frames) to one end of a pipe pair and reads the real side's output in the
 * background, keeping it for inspection.
 */
final class FakePeer implements AutoCloseable {
    private final Pairs pair;
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final CompletableFuture<Void> listening;

    FakePeer() throws IOException {
        pair = Pairs.pipes();
        Connection in = pair.client();
        listening = CompletableFuture.runAsync(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            try {
                while (in.read(buffer.clear()) >= 0) {
                    synchronized (heard) {
                        heard.write(buffer.array(), 0, buffer.position());
                    }
                }
            } catch (IOException ignored) {
                // closed
            }
        }, command -> Thread.ofVirtual().start(command));
    }

    /** The connection the real side runs over. */
    Connection realSide() {
        return pair.server();
    }

    /** Writes {@code bytes} to the real side. */
    FakePeer write(byte[] bytes) throws IOException {
        pair.client().write(ByteBuffer.wrap(bytes));
        return this;
    }

    /** Ends the fake side's output: the real side reads the end of input. */
    void shutdownOutput() throws IOException {
        pair.client().shutdownOutput();
    }

    /** What the real side has written so far. */
    byte[] heard() {
        synchronized (heard) {
            return heard.toByteArray();
        }
    }

    /** Everything the real side wrote before it closed its transport (waits for that). */
    byte[] heardUntilClosed() {
        listening.join();
        return heard();
    }

    /** A hello announcing {@code entries} (kind, tag, name) and {@code maxFrameBytes}. */
    static byte[] hello(long maxFrameBytes, Registration... entries) {
        return Hello.encode(List.of(entries), maxFrameBytes);
    }

    static Registration message(String name, int tag) {
        return new Registration(name, ChannelKind.MESSAGE, tag, null);
    }

    /** A table entry (the hello carries no schema; any stands in). */
    static Registration table(String name, int tag) {
        return new Registration(name, ChannelKind.TABLE, tag, Schema.of());
    }

    /** A frame: {@code [tag][length u32 LE][payload]}. */
    static byte[] frame(int tag, byte[] payload) {
        return frame(tag, payload.length, payload);
    }

    /** A frame header declaring {@code length}, followed by {@code payload} (which may be shorter or longer). */
    static byte[] frame(int tag, long length, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(5 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) tag).putInt((int) length).put(payload);
        return out.array();
    }

    /** The IPC messages a {@link StreamEncoder} makes for {@code batches}, one byte array per message. */
    static List<byte[]> ipcMessages(Schema schema, BufferAllocator allocator, RecordBatch... batches) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        StreamEncoder.MessageSink sink = (buffers, byteSize) -> {
            ByteBuffer whole = ByteBuffer.allocate((int) byteSize);
            for (ByteBuffer b : buffers) {
                whole.put(b.duplicate());
            }
            messages.add(whole.array());
        };
        try (StreamEncoder encoder = new StreamEncoder(schema, allocator, IpcWriteOptions.DEFAULT, sink)) {
            encoder.start();
            for (RecordBatch batch : batches) {
                encoder.write(batch);
            }
        }
        return messages;
    }

    @Override
    public void close() throws Exception {
        pair.close();
        listening.join();
    }
}
