package dev.lightstream.protocol.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.protocol.InvalidPayloadException;
import dev.lightstream.protocol.LightstreamConnection;
import dev.lightstream.protocol.LightstreamMessage;
import dev.lightstream.protocol.RawMessage;
import dev.lightstream.transport.stdio.StdioTransport;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Typed MessagePack values across a connection, and payloads that are not what the channel carries. */
@Timeout(30)
class MessagePackChannelTest {
    record Command(String verb, int count, Map<String, Double> options) {}

    static final MessagePackChannel<Command> COMMANDS = MessagePackChannel.of("command",
            (command, packer) -> {
                packer.packArrayHeader(3).packString(command.verb()).packInt(command.count());
                packer.packMapHeader(command.options().size());
                for (Map.Entry<String, Double> e : command.options().entrySet()) {
                    packer.packString(e.getKey()).packDouble(e.getValue());
                }
            },
            unpacker -> {
                int fields = unpacker.unpackArrayHeader();
                if (fields != 3) {
                    throw new java.io.IOException("a command has 3 fields, not " + fields);
                }
                String verb = unpacker.unpackString();
                int count = unpacker.unpackInt();
                int size = unpacker.unpackMapHeader();
                Map<String, Double> options = new java.util.TreeMap<>();
                for (int i = 0; i < size; i++) {
                    options.put(unpacker.unpackString(), unpacker.unpackDouble());
                }
                return new Command(verb, count, options);
            });

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
            c.registerMessage("raw");
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

    @Test
    void valuesArriveAsSent() throws Exception {
        Command restart = new Command("restart", 3, Map.of("delay", 1.5, "jitter", -0.0));
        Command stop = new Command("stöp ✓", -1, Map.of());
        COMMANDS.send(a, restart);
        COMMANDS.send(a, stop);
        MessagePackPayloads.send(a, "raw", packer -> packer.packArrayHeader(2).packInt(3).packInt(4));
        a.flush();
        for (Command expected : List.of(restart, stop)) {
            try (LightstreamMessage received = b.receive()) {
                assertThat(COMMANDS.accepts(received)).isTrue();
                assertThat(COMMANDS.decode((RawMessage) received)).isEqualTo(new Command(expected.verb(),
                        expected.count(), new java.util.TreeMap<>(expected.options())));
            }
        }
        try (RawMessage raw = (RawMessage) b.receive()) {
            assertThat(COMMANDS.accepts(raw)).isFalse();
            int[] point = MessagePackPayloads.unpack(raw, unpacker -> {
                unpacker.unpackArrayHeader();
                return new int[] {unpacker.unpackInt(), unpacker.unpackInt()};
            });
            assertThat(point).containsExactly(3, 4);
            assertThatThrownBy(() -> COMMANDS.decode(raw)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void payloadsThatAreNotCommandsRaiseATypedExceptionNamingTheChannel() throws Exception {
        byte[] valid = MessagePackPayloads.pack(packer -> packer.packArrayHeader(3).packString("x").packInt(1)
                .packMapHeader(0));
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xC1},                                  // a byte MessagePack never uses
                java.util.Arrays.copyOf(valid, valid.length - 1),          // cut short
                MessagePackPayloads.pack(packer -> packer.packString("not an array")),
                MessagePackPayloads.pack(packer -> packer.packArrayHeader(2)),
                new byte[0]);
        for (byte[] payload : bad) {
            a.send("command", payload);
        }
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 2);
        a.send("command", trailing);
        a.flush();
        for (int i = 0; i < bad.size(); i++) {
            try (RawMessage m = (RawMessage) b.receive()) {
                assertThatThrownBy(() -> COMMANDS.decode(m)).as("payload " + i).isInstanceOf(InvalidPayloadException.class)
                        .hasMessageStartingWith("message 'command': ")
                        .satisfies(e -> assertThat(((InvalidPayloadException) e).channel()).isEqualTo("command"));
            }
        }
        try (RawMessage m = (RawMessage) b.receive()) {
            assertThatThrownBy(() -> COMMANDS.decode(m)).isInstanceOf(InvalidPayloadException.class)
                    .hasMessage("message 'command': 2 of " + trailing.length + " payload bytes follow the value");
        }
    }
}
