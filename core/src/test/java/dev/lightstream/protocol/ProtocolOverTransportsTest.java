package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Async;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol over TCP, TLS, Unix sockets and the stdio transport's pipes: both sides send
 * {@link Traffic} from five threads each (messages of every size, a table whose dictionary grows and
 * changes, a table with every type) while receiving and checking the other's, having registered
 * their names in opposite orders. Every block is freed at the end.
 */
@Timeout(120)
class ProtocolOverTransportsTest {

    static List<Named<Pairs.Factory>> transports() {
        return Pairs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void interleavedTrafficBothWays(Pairs.Factory transport) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking(); Pairs pair = transport.open()) {
            LightstreamConnection client = new LightstreamConnection(pair.client(), allocator);
            LightstreamConnection server = new LightstreamConnection(pair.server(), allocator);
            Traffic.register(client, false);
            Traffic.register(server, true);
            assertThat(client.registrations().getFirst().name()).isEqualTo(Traffic.EVENT);
            assertThat(server.registrations().getFirst().name()).isEqualTo(Traffic.EVERYTHING);

            CompletableFuture<Traffic.Received> serverSide = Async.supply(() -> Traffic.run(server, allocator, 2, 1));
            Traffic.Received atClient = Traffic.run(client, allocator, 1, 2);
            Traffic.Received atServer = serverSide.get();

            assertThat(atClient).isEqualTo(Traffic.Received.expected());
            assertThat(atServer).isEqualTo(Traffic.Received.expected());
            assertThat(client.messagesSent()).isEqualTo(Traffic.Received.expected().total());
            assertThat(server.messagesReceived()).isEqualTo(Traffic.Received.expected().total());
            client.close();
            server.close();
        }
    }
}
