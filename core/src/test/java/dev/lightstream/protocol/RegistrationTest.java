package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Async;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Registration and the handshake: names matched by name whatever the order, every difference
 * reported by name on both sides, versions checked, 256 names and not one more, registration
 * closed by the handshake, the peer's frame limit respected.
 */
@Timeout(30)
class RegistrationTest {
    private static final Schema INTS = Schema.of(Field.nullable("x", DataType.INT32));
    private static final Schema STRINGS = Schema.of(Field.nullable("x", DataType.UTF8));

    private LeakCheckingAllocator allocator;
    private Pairs pair;
    private LightstreamConnection a;
    private LightstreamConnection b;

    @BeforeEach
    void open() throws Exception {
        allocator = BufferAllocator.leakChecking();
        pair = Pairs.pipes();
        a = new LightstreamConnection(pair.client(), allocator);
        b = new LightstreamConnection(pair.server(), allocator);
    }

    @AfterEach
    void close() throws Exception {
        try {
            a.close();
        } catch (Exception ignored) {
            // a transport closed by a failed handshake may refuse the flush
        }
        try {
            b.close();
        } catch (Exception ignored) {
            // the same
        }
        pair.close();
        allocator.close(); // fails on leaks
    }

    /** Runs both handshakes at once; returns what each threw (null for success). */
    private Throwable[] handshakeBoth() throws Exception {
        CompletableFuture<Void> other = Async.run(b::handshake);
        Throwable fromA = null;
        try {
            a.handshake();
        } catch (Exception e) {
            fromA = e;
        }
        Throwable fromB = null;
        try {
            other.get();
        } catch (ExecutionException e) {
            fromB = e.getCause();
        }
        return new Throwable[] {fromA, fromB};
    }

    private RecordBatch ints(Integer... values) {
        List<MemoryBlock> blocks = new ArrayList<>();
        return RecordBatch.of(INTS, values.length, List.of(Array.of(TestArrays.int32(allocator, blocks, values))), blocks);
    }

    @Test
    void namesMatchByNameWhateverTheOrder() throws Exception {
        a.registerMessage("first");
        a.registerTable("numbers", INTS);
        a.registerMessage("second");
        b.registerMessage("second");
        b.registerMessage("first");
        b.registerTable("numbers", INTS);
        assertThat(a.registrations()).extracting(Registration::tag).containsExactly(0, 1, 2);
        assertThat(b.registrations()).extracting(Registration::name).containsExactly("second", "first", "numbers");

        assertThat(handshakeBoth()).containsOnlyNulls();
        a.send("second", "to second".getBytes(StandardCharsets.UTF_8)); // a's tag 2, b's tag 0
        try (RecordBatch batch = ints(1, null, 3)) {
            a.sendTable("numbers", batch);
        }
        a.send("first", new byte[0]);
        a.flush();
        try (LightstreamMessage m = b.receive()) {
            assertThat(m.name()).isEqualTo("second");
            assertThat(((RawMessage) m).utf8()).isEqualTo("to second");
        }
        try (LightstreamMessage m = b.receive()) {
            TableBatch t = (TableBatch) m;
            assertThat(t.name()).isEqualTo("numbers");
            assertThat(t.batch().column(0).getObject(1)).isNull();
            assertThat(t.batch().column(0).getObject(2)).isEqualTo(3);
        }
        try (LightstreamMessage m = b.receive()) {
            assertThat(m.name()).isEqualTo("first");
            assertThat(((RawMessage) m).length()).isZero();
        }
    }

    @Test
    void everyDifferenceIsReportedByNameOnBothSides() throws Exception {
        a.registerMessage("event");
        a.registerTable("metrics", INTS);
        a.registerMessage("alerts");
        b.registerTable("event", INTS);
        b.registerTable("metrics", STRINGS); // schemas are compared with the first batch, not here
        b.registerMessage("commands");

        Throwable[] failures = handshakeBoth();
        assertThat(failures[0]).isInstanceOf(ProtocolMismatchException.class)
                .hasMessageContaining("'event': a message here, a table at the peer")
                .hasMessageContaining("'alerts': a message here, not registered at the peer")
                .hasMessageContaining("'commands': not registered here, a message at the peer")
                .hasMessageNotContaining("metrics");
        assertThat(((ProtocolMismatchException) failures[0]).mismatches()).extracting(ProtocolMismatchException.Mismatch::name)
                .containsExactlyInAnyOrder("event", "alerts", "commands");
        assertThat(failures[1]).isInstanceOf(ProtocolMismatchException.class)
                .hasMessageContaining("'event': a table here, a message at the peer")
                .hasMessageContaining("'alerts': not registered here, a message at the peer")
                .hasMessageContaining("'commands': a message here, not registered at the peer");
        // The failure sticks, and the transport is closed.
        assertThatThrownBy(() -> a.send("event", new byte[1])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the handshake failed earlier");
        assertThat(a.transport().isOpen()).isFalse();
    }

    @Test
    void aTableWhoseSchemaDiffersIsReportedByNameWithItsFirstBatch() throws Exception {
        a.registerTable("metrics", INTS);
        b.registerTable("metrics", STRINGS);
        assertThat(handshakeBoth()).containsOnlyNulls();
        try (RecordBatch batch = ints(1)) {
            a.sendTable("metrics", batch);
        }
        a.flush();
        assertThatThrownBy(b::receive).isInstanceOf(ProtocolMismatchException.class)
                .hasMessageContaining("table 'metrics'")
                .hasMessageContaining("the peer's schema differs from the one registered here")
                .satisfies(e -> assertThat(((ProtocolMismatchException) e).mismatches())
                        .extracting(ProtocolMismatchException.Mismatch::name).containsExactly("metrics"));
        assertThatThrownBy(b::receive).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("receiving failed earlier");
    }

    @Test
    void aPeerOfAnotherVersionIsRefused() throws Exception {
        try (FakePeer peer = new FakePeer(); LightstreamConnection real = new LightstreamConnection(peer.realSide(), allocator)) {
            real.registerMessage("event");
            byte[] hello = FakePeer.hello(1000, FakePeer.message("event", 0));
            hello[4] = 2; // version 2
            peer.write(hello);
            assertThatThrownBy(real::handshake).isInstanceOf(ProtocolVersionException.class)
                    .hasMessage("the peer speaks Lightstream protocol version 2, this side version 1")
                    .satisfies(e -> assertThat(((ProtocolVersionException) e).peerVersion()).isEqualTo(2));
        }
    }

    @Test
    void ourHelloIsWhatTheWireFormatSays() throws Exception {
        try (FakePeer peer = new FakePeer(); LightstreamConnection real = new LightstreamConnection(peer.realSide(), allocator,
                ProtocolOptions.DEFAULT.withMaxFrameBytes(0x01020304))) {
            real.registerMessage("é");
            real.registerTable("t", INTS);
            peer.write(FakePeer.hello(10, FakePeer.table("t", 7), FakePeer.message("é", 9)));
            real.handshake();
            byte[] expected = {'L', 'S', 'T', 'P', 1, 0, 0, 0, 4, 3, 2, 1, 11, 0, 0, 0, // head
                2, 0, // two entries
                0, 0, 2, (byte) 0xC3, (byte) 0xA9, // message, tag 0, "é"
                1, 1, 1, 't'}; // table, tag 1, "t"
            while (peer.heard().length < expected.length) {
                Thread.onSpinWait(); // the hello goes out on its own thread
            }
            assertThat(peer.heard()).isEqualTo(expected);
        }
    }

    @Test
    void somethingElseThanTheProtocolIsRefused() throws Exception {
        try (FakePeer peer = new FakePeer(); LightstreamConnection real = new LightstreamConnection(peer.realSide(), allocator)) {
            peer.write(new byte[] {-1, -1, -1, -1, 0x10, 0, 0, 0}); // an Arrow IPC stream
            assertThatThrownBy(real::handshake).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("does not speak the Lightstream protocol: its first bytes are 0xffffffff");
        }
    }

    @Test
    void aPeerThatClosesBeforeItsHelloGivesEof() throws Exception {
        try (FakePeer peer = new FakePeer(); LightstreamConnection real = new LightstreamConnection(peer.realSide(), allocator)) {
            peer.write(Arrays.copyOf(FakePeer.hello(10), 9));
            peer.shutdownOutput();
            assertThatThrownBy(real::handshake).isInstanceOf(EOFException.class)
                    .hasMessageContaining("the peer's handshake, after 9 bytes");
        }
    }

    @Test
    void malformedHellosAreRefused() throws Exception {
        byte[] twoTags = FakePeer.hello(10, FakePeer.message("a", 3), FakePeer.message("b", 3));
        byte[] twoNames = FakePeer.hello(10, FakePeer.message("a", 1), FakePeer.message("a", 2));
        byte[] badKind = FakePeer.hello(10, FakePeer.message("a", 1));
        badKind[18] = 7;
        byte[] tooMany = FakePeer.hello(10);
        tooMany[16] = 1;
        tooMany[17] = 1; // 257 entries declared
        byte[] hugeBody = FakePeer.hello(10);
        hugeBody[15] = 1; // body length 16 MiB + 2
        byte[] trailing = Arrays.copyOf(FakePeer.hello(10), 19);
        trailing[12] = 3; // body: count 0 and a stray byte
        assertMalformed(twoTags, ProtocolException.class, "tag 3 is given to two names");
        assertMalformed(twoNames, ProtocolException.class, "the name 'a' is registered twice");
        assertMalformed(badKind, ProtocolException.class, "entry 0 has kind 7");
        assertMalformed(tooMany, ProtocolException.class, "it declares 257 registrations");
        assertMalformed(hugeBody, FrameTooLargeException.class, "the peer's handshake body of 16777218 bytes");
        assertMalformed(trailing, ProtocolException.class, "1 bytes follow its last entry");
    }

    private void assertMalformed(byte[] hello, Class<? extends Exception> type, String message) throws Exception {
        try (FakePeer peer = new FakePeer(); LightstreamConnection real = new LightstreamConnection(peer.realSide(), allocator)) {
            peer.write(hello);
            assertThatThrownBy(real::handshake).isInstanceOf(type).hasMessageContaining(message);
        }
    }

    @Test
    void twoHundredFiftySixNamesWorkAndTheNextIsRefused() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < LightstreamConnection.MAX_TYPES; i++) {
            names.add("type-" + i);
        }
        for (String name : names) {
            a.registerMessage(name);
        }
        for (String name : names.reversed()) {
            b.registerMessage(name);
        }
        assertThatThrownBy(() -> a.registerMessage("one too many")).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot register 'one too many': 256 names are registered, all the one-byte tags there are");
        assertThatThrownBy(() -> a.registerTable("one too many", INTS)).isInstanceOf(IllegalStateException.class);
        assertThat(a.registrations()).hasSize(256);
        assertThat(a.registrations().getLast().tag()).isEqualTo(255);

        assertThat(handshakeBoth()).containsOnlyNulls();
        a.send("type-255", new byte[] {(byte) 255});
        a.send("type-0", new byte[] {0});
        b.send("type-255", new byte[] {1}); // b's tag 0
        a.flush();
        b.flush();
        try (RawMessage m = (RawMessage) b.receive()) {
            assertThat(m.name()).isEqualTo("type-255");
            assertThat(m.toByteArray()).containsExactly((byte) 255);
        }
        try (RawMessage m = (RawMessage) b.receive()) {
            assertThat(m.name()).isEqualTo("type-0");
        }
        try (RawMessage m = (RawMessage) a.receive()) {
            assertThat(m.name()).isEqualTo("type-255");
        }
    }

    @Test
    void registrationClosesWithTheHandshake() throws Exception {
        a.registerMessage("x");
        b.registerMessage("x");
        assertThat(handshakeBoth()).containsOnlyNulls();
        assertThat(a.isHandshakeDone()).isTrue();
        assertThatThrownBy(() -> a.registerMessage("late")).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot register 'late': registration closed with the handshake");
        assertThatThrownBy(() -> a.registerTable("late", INTS)).isInstanceOf(IllegalStateException.class);
        a.handshake(); // idempotent
    }

    @Test
    void badNamesAndKindsAreCallerMistakes() {
        String longest = "é".repeat(127) + "x"; // 255 bytes of UTF-8
        a.registerMessage(longest);
        assertThatThrownBy(() -> a.registerMessage(longest + "y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes of UTF-8, not 1 to 255");
        assertThatThrownBy(() -> a.registerMessage("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.registerMessage("bad \uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        a.registerTable("numbers", INTS);
        assertThatThrownBy(() -> a.registerMessage("numbers")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name 'numbers' is registered already, as table");
        // Checked before any handshake: nothing is sent.
        assertThatThrownBy(() -> a.send("numbers", new byte[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'numbers' is registered as a table channel, not a message channel");
        assertThatThrownBy(() -> a.send("nobody", new byte[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name 'nobody' is not registered");
        try (RecordBatch batch = ints(1)) {
            assertThatThrownBy(() -> a.sendTable(longest, batch)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is registered as a message channel, not a table channel");
        }
        assertThat(a.isHandshakeDone()).isFalse();
    }

    @Test
    void framesOverThePeersMaximumAreRefusedBeforeSending() throws Exception {
        LightstreamConnection small = new LightstreamConnection(pair.server(), allocator,
                ProtocolOptions.DEFAULT.withMaxFrameBytes(1000));
        a.registerMessage("m");
        a.registerTable("t", INTS);
        small.registerMessage("m");
        small.registerTable("t", INTS);
        CompletableFuture<Void> other = Async.run(small::handshake);
        a.handshake();
        other.get();
        assertThatThrownBy(() -> a.send("m", new byte[1001])).isInstanceOf(FrameTooLargeException.class)
                .hasMessage("a payload of message 'm' (the peer's maximum) of 1001 bytes exceeds the maximum of 1000 bytes");
        Integer[] many = new Integer[300]; // a body of 1216 bytes
        Arrays.fill(many, 7);
        try (RecordBatch big = ints(many); RecordBatch fits = ints(1, 2)) {
            assertThatThrownBy(() -> a.sendTable("t", big)).isInstanceOf(FrameTooLargeException.class)
                    .hasMessageContaining("an IPC message of table 't' (the peer's maximum)");
            a.sendTable("t", fits); // the channel is still usable: schema, then this batch
        }
        a.send("m", new byte[1000]);
        a.flush();
        try (TableBatch t = (TableBatch) small.receive()) {
            assertThat(t.batch().rowCount()).isEqualTo(2);
        }
        try (RawMessage m = (RawMessage) small.receive()) {
            assertThat(m.length()).isEqualTo(1000);
        }
        small.close();
    }
}
