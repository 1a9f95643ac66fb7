package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.ChunkedChannels;
import dev.lightstream.fixtures.RandomData;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.ipc.IpcMessage;
import dev.lightstream.ipc.StreamDecoder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.stdio.StdioTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * One session recorded byte for byte (a sender's handshake and frames: messages of 0 bytes to
 * 20 KB, a table whose dictionary stays, grows and is replaced, a table with every type), then
 * read back by a receiver from input cut into pieces of 1, 2, 8, 123 bytes and all at once, and
 * truncated at every point; and the recording itself checked against the documented wire format.
 */
@Timeout(120)
class RecordedSessionTest {
    private static final long SEED = 7;
    private static final int DICT_STEPS = 5;
    private static final int EVENT_TAG = 0;
    private static final int DICT_TAG = 1;
    private static final int EVERYTHING_TAG = 2;
    static final List<Integer> CHUNK_SIZES = ChunkedChannels.CHUNK_SIZES;

    private static byte[] recording;
    private static int helloLength;
    private static final List<byte[]> EVENTS = List.of(new byte[0], "hello".getBytes(), Traffic.event(SEED, 0, 3),
            new byte[20_000], Traffic.event(SEED, 1, 1));

    /** Records: the sender talks to a peer whose hello is canned, into a byte array. */
    @BeforeAll
    static void record() throws Exception {
        byte[] peerHello = FakePeer.hello(1L << 30, FakePeer.table(Traffic.EVERYTHING, 0), FakePeer.message(Traffic.EVENT, 1),
                FakePeer.table(Traffic.DICT, 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = BufferAllocator.leakChecking()) {
            Connection connection = StdioTransport.of(Channels.newChannel(new ByteArrayInputStream(peerHello)),
                    Channels.newChannel(out), "recording");
            try (LightstreamConnection sender = new LightstreamConnection(connection, allocator)) {
                sender.registerMessage(Traffic.EVENT);
                sender.registerTable(Traffic.DICT, Traffic.DICT_SCHEMA);
                sender.registerTable(Traffic.EVERYTHING, EveryType.schema());
                sender.handshake();
                helloLength = out.size();
                List<Traffic.DictStep> plan = Traffic.dictPlan(SEED);
                List<MemoryBlock> blocks = new ArrayList<>();
                ArrayData dictionary = null;
                for (int i = 0; i < DICT_STEPS; i++) {
                    sender.send(Traffic.EVENT, EVENTS.get(i));
                    if (!plan.get(i).sameArray()) {
                        dictionary = TestArrays.utf8(allocator, blocks, plan.get(i).dictionary().toArray(String[]::new));
                    }
                    try (RecordBatch batch = Traffic.dictBatch(allocator, dictionary, plan.get(i))) {
                        sender.sendTable(Traffic.DICT, batch);
                    }
                }
                blocks.forEach(MemoryBlock::release);
                try (RecordBatch batch = new RandomData(SEED).batch(allocator, EveryType.schema(), 12)) {
                    sender.sendTable(Traffic.EVERYTHING, batch);
                }
                sender.shutdownOutput();
            }
        }
        recording = out.toByteArray();
    }

    /** One frame of the recording: where it ends, its tag, and what its payload is. */
    private record Frame(int end, int tag, String what, byte[] payload) {
        boolean delivers() {
            return tag == EVENT_TAG || what.equals("batch");
        }
    }

    /** The recording's frames, table payloads decoded by one IPC decoder per channel. */
    private static List<Frame> frames() throws Exception {
        List<Frame> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(recording).order(ByteOrder.LITTLE_ENDIAN);
        try (BufferAllocator allocator = BufferAllocator.leakChecking();
                StreamDecoder dict = new StreamDecoder(allocator);
                StreamDecoder everything = new StreamDecoder(allocator)) {
            int position = helloLength;
            while (position < recording.length) {
                int tag = recording[position] & 0xFF;
                int length = in.getInt(position + 1);
                ByteBuffer payload = in.slice(position + 5, length);
                position += 5 + length;
                byte[] bytes = new byte[length];
                payload.duplicate().get(bytes);
                if (tag == EVENT_TAG) {
                    frames.add(new Frame(position, tag, "event", bytes));
                    continue;
                }
                assertThat(tag).isIn(DICT_TAG, EVERYTHING_TAG);
                IpcMessage message = (tag == DICT_TAG ? dict : everything).decode(payload);
                assertThat(payload.hasRemaining()).as("one IPC message per frame").isFalse();
                frames.add(new Frame(position, tag, switch (message) {
                    case IpcMessage.SchemaMessage s -> "schema";
                    case IpcMessage.DictionaryBatch d -> (d.isDelta() ? "delta of " : "dictionary of ")
                            + d.dictionary().length();
                    case IpcMessage.RecordBatchMessage b -> {
                        b.batch().close();
                        yield "batch";
                    }
                    case IpcMessage.EndOfStream e -> "end";
                }, bytes));
            }
            assertThat(position).isEqualTo(recording.length);
        }
        return frames;
    }

    /** A receiver over {@code input}; its own hello goes nowhere. */
    private static LightstreamConnection receiver(java.nio.channels.ReadableByteChannel input, BufferAllocator allocator) {
        Connection connection = StdioTransport.of(input, Channels.newChannel(OutputStream.nullOutputStream()), "replay");
        LightstreamConnection receiver = new LightstreamConnection(connection, allocator);
        receiver.registerTable(Traffic.EVERYTHING, EveryType.schema());
        receiver.registerTable(Traffic.DICT, Traffic.DICT_SCHEMA);
        receiver.registerMessage(Traffic.EVENT);
        return receiver;
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @FieldSource("CHUNK_SIZES")
    void everySplitGivesTheSameMessages(int chunk) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                LightstreamConnection receiver = receiver(ChunkedChannels.of(recording, chunk), allocator)) {
            List<Traffic.DictStep> plan = Traffic.dictPlan(SEED);
            for (int i = 0; i < DICT_STEPS; i++) {
                try (RawMessage event = (RawMessage) receiver.receive()) {
                    assertThat(event.name()).isEqualTo(Traffic.EVENT);
                    assertThat(event.payload().mismatch(MemorySegment.ofArray(EVENTS.get(i)))).isEqualTo(-1);
                }
                try (TableBatch table = (TableBatch) receiver.receive()) {
                    assertThat(table.name()).isEqualTo(Traffic.DICT);
                    List<MemoryBlock> blocks = new ArrayList<>();
                    ArrayData dictionary = TestArrays.utf8(allocator, blocks, plan.get(i).dictionary().toArray(String[]::new));
                    try (RecordBatch expected = Traffic.dictBatch(allocator, dictionary, plan.get(i))) {
                        assertThat(ArrayEquality.defaults().compare(expected, table.batch())).as("dict " + i).isEmpty();
                    }
                    blocks.forEach(MemoryBlock::release);
                }
            }
            try (TableBatch table = (TableBatch) receiver.receive();
                    RecordBatch expected = new RandomData(SEED).batch(allocator, EveryType.schema(), 12)) {
                assertThat(ArrayEquality.defaults().compare(expected, table.batch())).isEmpty();
            }
            assertThat(receiver.receive()).isNull();
        }
    }

    @Test
    void everyTruncationEndsCleanlyAtAFrameBoundaryAndWithEofElsewhere() throws Exception {
        List<Frame> frames = frames();
        Map<Integer, Integer> deliveredAtBoundary = new HashMap<>();
        deliveredAtBoundary.put(helloLength, 0);
        int delivered = 0;
        for (Frame frame : frames) {
            delivered += frame.delivers() ? 1 : 0;
            deliveredAtBoundary.put(frame.end(), delivered);
        }
        int[] lengths = ChunkedChannels.truncationLengths(recording.length, 600).toArray();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            for (int length : lengths) {
                byte[] prefix = java.util.Arrays.copyOf(recording, length);
                try (LightstreamConnection receiver = receiver(ChunkedChannels.of(prefix, 123), allocator)) {
                    Integer expected = deliveredAtBoundary.get(length);
                    int[] count = {0};
                    if (expected != null) {
                        for (LightstreamMessage m; (m = receiver.receive()) != null; count[0]++) {
                            m.close();
                        }
                        assertThat(count[0]).as("messages before a clean end at " + length).isEqualTo(expected);
                    } else {
                        assertThatThrownBy(() -> {
                            for (LightstreamMessage m; (m = receiver.receive()) != null; count[0]++) {
                                m.close();
                            }
                        }).as("prefix of " + length + " bytes").isInstanceOf(EOFException.class)
                                .hasMessageStartingWith("input ended inside ");
                    }
                }
            }
        }
    }

    @Test
    void theRecordingIsTheDocumentedWireFormat() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(recording).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(recording, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("LSTP");
        assertThat(in.getShort(4)).isEqualTo((short) 1);
        assertThat(16 + in.getInt(12)).isEqualTo(helloLength);
        Map<Integer, List<String>> seen = new HashMap<>();
        List<byte[]> events = new ArrayList<>();
        for (Frame frame : frames()) {
            if (frame.tag() == EVENT_TAG) {
                events.add(frame.payload());
            } else {
                seen.computeIfAbsent(frame.tag(), t -> new ArrayList<>()).add(frame.what());
            }
        }
        assertThat(events).hasSize(DICT_STEPS);
        for (int i = 0; i < DICT_STEPS; i++) {
            assertThat(events.get(i)).isEqualTo(EVENTS.get(i));
        }
        List<Traffic.DictStep> plan = Traffic.dictPlan(SEED);
        int first = plan.get(0).dictionary().size();
        int grown = plan.get(2).dictionary().size();
        int replaced = plan.get(3).dictionary().size();
        assertThat(seen.get(DICT_TAG).subList(0, 8)).containsExactly(
                "schema", "dictionary of " + first, "batch",   // step 0: schema and dictionary with the first batch
                "batch",                                        // step 1: the same dictionary array: nothing more
                "delta of " + grown, "batch",                   // step 2: it grew: only the new values (size after)
                "dictionary of " + replaced, "batch");          // step 3: it changed: a replacement
        assertThat(seen.get(EVERYTHING_TAG).getFirst()).isEqualTo("schema");
        assertThat(seen.get(EVERYTHING_TAG).getLast()).isEqualTo("batch");
    }
}
