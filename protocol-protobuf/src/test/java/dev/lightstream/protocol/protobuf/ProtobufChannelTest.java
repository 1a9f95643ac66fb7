package dev.lightstream.protocol.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.protocol.InvalidPayloadException;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.RawMessage;
import dev.lightstream.transport.stdio.StdioTransport;
import java.nio.channels.Pipe;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Protobuf messages across a connection (well-known types stand in for generated ones), and bad payloads. */
@Timeout(30)
class ProtobufChannelTest {
    static final ProtobufChannel<Struct> COMMANDS = ProtobufChannel.of("command", Struct.parser());
    static final ProtobufChannel<Timestamp> TICKS = ProtobufChannel.of("tick", Timestamp.parser());

    private LeakCheckingAllocator allocator;
    private LightstreamConnection a;
    private LightstreamConnection b;

    @BeforeEach
    void open() throws Exception {
        allocator = BufferAllocator.leakChecking();
        Pipe ab = Pipe.open();
        Pipe ba = Pipe.open();
        a = new LightstreamConnection(StdioTransport.of(ba.source(), ab.sink(), "b"), allocator);
        b = new LightstreamConnection(StdioTransport.of(ab.source(), ba.sink(), "a"), allocator);
        for (LightstreamConnection c : List.of(a, b)) {
            COMMANDS.register(c);
            TICKS.register(c);
        }
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try {
                b.handshake();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, command -> Thread.ofVirtual().start(command));
        a.handshake();
        other.join();
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        allocator.close(); // fails on leaks
    }

    static Struct command(String verb, double count) {
        return Struct.newBuilder()
                .putFields("verb", Value.newBuilder().setStringValue(verb).build())
                .putFields("count", Value.newBuilder().setNumberValue(count).build())
                .putFields("hosts", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a").build())
                        .addValues(Value.newBuilder().setStringValue("b").build())).build())
                .build();
    }

    @Test
    void messagesArriveAsSent() throws Exception {
        Struct restart = command("restart", 3);
        Struct big = command("x".repeat(50_000), -1); // large: written from where it lies, received in one block
        Timestamp tick = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(123).build();
        COMMANDS.send(a, restart);
        TICKS.send(a, tick);
        COMMANDS.send(a, big);
        a.flush();
        try (LightstreamMessage m = b.receive()) {
            assertThat(COMMANDS.accepts(m)).isTrue();
            assertThat(COMMANDS.decode((RawMessage) m)).isEqualTo(restart);
        }
        try (LightstreamMessage m = b.receive()) {
            assertThat(TICKS.accepts(m)).isTrue();
            assertThat(TICKS.decode((RawMessage) m)).isEqualTo(tick);
            assertThatThrownBy(() -> COMMANDS.decode((RawMessage) m)).isInstanceOf(IllegalArgumentException.class);
        }
        try (LightstreamMessage m = b.receive()) {
            assertThat(COMMANDS.decode((RawMessage) m)).isEqualTo(big);
        }
    }

    @Test
    void payloadsThatDoNotParseRaiseATypedExceptionNamingTheChannel() throws Exception {
        byte[] valid = command("restart", 3).toByteArray();
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xFF, (byte) 0xFF},           // a tag varint that never ends
                Arrays.copyOf(valid, valid.length - 3),          // cut short inside a field
                new byte[] {0x0A, 0x7F, 0x01});                   // a length past the end
        for (byte[] payload : bad) {
            a.send("command", payload);
        }
        a.flush();
        for (int i = 0; i < bad.size(); i++) {
            try (RawMessage m = (RawMessage) b.receive()) {
                assertThatThrownBy(() -> COMMANDS.decode(m)).as("payload " + i).isInstanceOf(InvalidPayloadException.class)
                        .hasMessageStartingWith("message 'command': not a valid Protobuf message")
                        .satisfies(e -> assertThat(((InvalidPayloadException) e).channel()).isEqualTo("command"));
            }
        }
    }
}
