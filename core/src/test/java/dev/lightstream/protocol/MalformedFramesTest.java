package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forged frames from a peer: each raises a typed exception that names the channel (or the tag, when
 * no channel has it), never hangs, and leaks nothing.
 */
@Timeout(30)
class MalformedFramesTest {
    private static final Schema INTS = Schema.of(Field.nullable("x", DataType.INT32));
    private static final int EVENT_TAG = 4;
    private static final int METRICS_TAG = 9;

    private LeakCheckingAllocator allocator;
    private FakePeer peer;
    private LightstreamConnection real;
    /** Where the first frame starts: after the fake peer's hello. */
    private int first;

    @BeforeEach
    void open() throws Exception {
        allocator = BufferAllocator.leakChecking();
        peer = new FakePeer();
        real = new LightstreamConnection(peer.realSide(), allocator, ProtocolOptions.DEFAULT.withMaxFrameBytes(1000));
        real.registerMessage("event");
        real.registerTable("metrics", INTS);
        byte[] hello = FakePeer.hello(1 << 20, FakePeer.table("metrics", METRICS_TAG), FakePeer.message("event", EVENT_TAG));
        first = hello.length;
        peer.write(hello);
        real.handshake();
    }

    @AfterEach
    void close() throws Exception {
        real.close();
        peer.close();
        allocator.close(); // fails on leaks
    }

    private RecordBatch ints(Integer... values) {
        List<MemoryBlock> blocks = new ArrayList<>();
        return RecordBatch.of(INTS, values.length, List.of(Array.of(TestArrays.int32(allocator, blocks, values))), blocks);
    }

    /** The IPC messages of a stream of INTS: schema, then one per batch. */
    private List<byte[]> ipc(Integer[]... batches) throws Exception {
        RecordBatch[] made = new RecordBatch[batches.length];
        for (int i = 0; i < batches.length; i++) {
            made[i] = ints(batches[i]);
        }
        try {
            return FakePeer.ipcMessages(INTS, allocator, made);
        } finally {
            Arrays.stream(made).forEach(RecordBatch::close);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void validFramesDecode() throws Exception {
        List<byte[]> messages = ipc(new Integer[] {5, null});
        peer.write(FakePeer.frame(EVENT_TAG, new byte[] {1, 2, 3}));
        peer.write(FakePeer.frame(METRICS_TAG, messages.get(0)));
        peer.write(FakePeer.frame(METRICS_TAG, messages.get(1)));
        peer.shutdownOutput();
        try (RawMessage m = (RawMessage) real.receive()) {
            assertThat(m.toByteArray()).containsExactly(1, 2, 3);
        }
        try (TableBatch t = (TableBatch) real.receive()) {
            assertThat(t.batch().column(0).getObject(0)).isEqualTo(5);
        }
        assertThat(real.receive()).isNull();
        assertThat(real.receive()).isNull();
    }

    @Test
    void anUnregisteredTagNamesTheTag() throws Exception {
        peer.write(FakePeer.frame(EVENT_TAG, new byte[] {1}));
        peer.write(FakePeer.frame(5, new byte[] {1, 2}));
        real.receive().close();
        assertThatThrownBy(real::receive).isInstanceOf(ProtocolException.class)
                .hasMessage("tag 5, frame 1 at stream offset " + (first + 6) + ": tag 5 was not registered by the peer");
        assertThatThrownBy(real::receive).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("receiving failed earlier");
    }

    @Test
    void aMessageFrameOverTheMaximumIsSkippedAndNamed() throws Exception {
        peer.write(FakePeer.frame(EVENT_TAG, new byte[1001]));
        peer.write(FakePeer.frame(EVENT_TAG, new byte[] {42}));
        assertThatThrownBy(real::receive).isInstanceOf(FrameTooLargeException.class)
                .hasMessage("message 'event' (peer tag 4), frame 0 at stream offset " + first + " of 1001 bytes exceeds the "
                        + "maximum of 1000 bytes");
        try (RawMessage m = (RawMessage) real.receive()) { // the stream goes on after the skipped frame
            assertThat(m.toByteArray()).containsExactly(42);
        }
    }

    @Test
    void aTableFrameOverTheMaximumIsNamedAndEndsReceiving() throws Exception {
        peer.write(FakePeer.frame(METRICS_TAG, 0xFFFF_FFFFL, new byte[0]));
        assertThatThrownBy(real::receive).isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("table 'metrics' (peer tag 9), frame 0")
                .hasMessageContaining("of 4294967295 bytes exceeds the maximum of 1000 bytes");
        assertThatThrownBy(real::receive).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void truncatedFramesGiveEofNamingTheChannel() throws Exception {
        List<byte[]> messages = ipc(new Integer[] {1, 2, 3});
        byte[] schemaFrame = FakePeer.frame(METRICS_TAG, messages.get(0));
        peer.write(schemaFrame);
        peer.write(Arrays.copyOf(FakePeer.frame(METRICS_TAG, messages.get(1)), 40));
        peer.shutdownOutput();
        assertThatThrownBy(real::receive).isInstanceOf(EOFException.class)
                .hasMessage("input ended inside table 'metrics' (peer tag 9), frame 1 at stream offset "
                        + (first + schemaFrame.length) + ", after 35 of " + messages.get(1).length + " payload bytes");
    }

    @Test
    void aTruncatedMessageOrHeaderGivesEof() throws Exception {
        try (FakePeer second = new FakePeer();
                LightstreamConnection other = new LightstreamConnection(second.realSide(), allocator)) {
            other.registerMessage("event");
            second.write(FakePeer.hello(100, FakePeer.message("event", 0)));
            second.write(Arrays.copyOf(FakePeer.frame(0, new byte[100]), 60));
            second.shutdownOutput();
            assertThatThrownBy(other::receive).isInstanceOf(EOFException.class)
                    .hasMessage("input ended inside message 'event' (peer tag 0), frame 0 at stream offset 26, after 55"
                            + " of 100 payload bytes");
        }
        peer.write(new byte[] {EVENT_TAG, 1});
        peer.shutdownOutput();
        assertThatThrownBy(real::receive).isInstanceOf(EOFException.class)
                .hasMessage("input ended inside the header of frame 0 at stream offset " + first + ", after 2 of 5 bytes");
    }

    @Test
    void malformedIpcNamesTheChannel() throws Exception {
        peer.write(FakePeer.frame(METRICS_TAG, new byte[] {-1, -1, -1, -1, 8, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}));
        assertThatThrownBy(real::receive).isInstanceOf(InvalidIpcException.class)
                .hasMessageStartingWith("table 'metrics' (peer tag 9), frame 0 at stream offset " + first + ": ");
    }

    @Test
    void anIpcLengthOverTheMaximumNamesTheChannel() throws Exception {
        peer.write(FakePeer.frame(METRICS_TAG, new byte[] {-1, -1, -1, -1, 1, 2, 3, 4}));
        assertThatThrownBy(real::receive).isInstanceOf(FrameTooLargeException.class)
                .hasMessage("table 'metrics' (peer tag 9), frame 0 at stream offset " + first + ", an IPC length of "
                        + 0x04030201 + " bytes exceeds the maximum of 1000 bytes");
    }

    @Test
    void aBatchBeforeTheSchemaNamesTheChannel() throws Exception {
        List<byte[]> messages = ipc(new Integer[] {1});
        peer.write(FakePeer.frame(METRICS_TAG, messages.get(1)));
        assertThatThrownBy(real::receive).isInstanceOf(InvalidIpcException.class)
                .hasMessageContaining("table 'metrics' (peer tag 9), frame 0")
                .hasMessageContaining("a batch came before the schema");
    }

    @Test
    void aFrameEndingInsideAnIpcMessageNamesTheChannel() throws Exception {
        List<byte[]> messages = ipc(new Integer[] {1});
        byte[] schema = messages.get(0);
        peer.write(FakePeer.frame(METRICS_TAG, Arrays.copyOf(schema, schema.length - 8)));
        peer.write(FakePeer.frame(EVENT_TAG, new byte[8])); // would complete the schema if frames leaked
        assertThatThrownBy(real::receive).isInstanceOf(InvalidIpcException.class)
                .hasMessageContaining("table 'metrics' (peer tag 9), frame 0")
                .hasMessageContaining("ends inside an IPC message");
    }

    @Test
    void anIpcBodyLongerThanItsFrameNamesTheChannel() throws Exception {
        List<byte[]> messages = ipc(new Integer[] {1, 2, 3, 4});
        byte[] batch = messages.get(1);
        peer.write(FakePeer.frame(METRICS_TAG, messages.get(0)));
        peer.write(FakePeer.frame(METRICS_TAG, Arrays.copyOf(batch, batch.length - 64)));
        assertThatThrownBy(real::receive).isInstanceOf(InvalidIpcException.class)
                .hasMessageContaining("table 'metrics' (peer tag 9), frame 1")
                .hasMessageContaining("ends inside an IPC message"); // seen at the frame's end, all bytes being there
    }

    @Test
    void twoIpcMessagesInOneFrameAreAccepted() throws Exception {
        List<byte[]> messages = ipc(new Integer[] {1}, new Integer[] {2, 3});
        peer.write(FakePeer.frame(METRICS_TAG, concat(messages.get(0), messages.get(1), messages.get(2))));
        peer.write(FakePeer.frame(EVENT_TAG, new byte[] {7}));
        try (TableBatch t = (TableBatch) real.receive()) {
            assertThat(t.batch().rowCount()).isEqualTo(1);
        }
        try (TableBatch t = (TableBatch) real.receive()) {
            assertThat(t.batch().column(0).getObject(1)).isEqualTo(3);
        }
        try (RawMessage m = (RawMessage) real.receive()) {
            assertThat(m.toByteArray()).containsExactly(7);
        }
    }

    @Test
    void anEmptyTableFrameOrAnEndOfStreamIsRefused() throws Exception {
        peer.write(FakePeer.frame(METRICS_TAG, new byte[0]));
        assertThatThrownBy(real::receive).isInstanceOf(ProtocolException.class)
                .hasMessage("table 'metrics' (peer tag 9), frame 0 at stream offset " + first + ": an empty table frame (it must "
                        + "hold an IPC message)")
                .satisfies(e -> assertThat(((ProtocolException) e).channel()).isEqualTo("metrics"));
    }

    @Test
    void anEndOfStreamMarkerIsRefused() throws Exception {
        List<byte[]> messages = ipc();
        peer.write(FakePeer.frame(METRICS_TAG, messages.get(0)));
        peer.write(FakePeer.frame(METRICS_TAG, new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}));
        assertThatThrownBy(real::receive).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("table 'metrics' (peer tag 9), frame 1")
                .hasMessageContaining("an IPC end-of-stream marker");
    }
}
