package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.transport.Acceptor;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.ConnectionServer;
import dev.lightstream.transport.Endpoint;
import dev.lightstream.transport.Fixtures;
import dev.lightstream.transport.tls.TlsConfig;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Transports} facade, and streams that follow one another on a connection. */
@Timeout(60)
class TransportsTest {

    static java.util.List<?> transports() {
        return NetFixture.sockets();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void connectAndBindOpenEveryEndpoint(Supplier<NetFixture> transport) throws Exception {
        try (NetFixture fixture = transport.get();
             Acceptor acceptor = Transports.bind(fixture.listen(), fixture.serverOptions().transport())) {
            Endpoint endpoint = acceptor.endpoint();
            assertThat(endpoint.getClass()).isEqualTo(fixture.listen().getClass());
            var accepted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (Connection server = acceptor.accept()) {
                    ByteBuffer buffer = ByteBuffer.allocate(5);
                    while (buffer.hasRemaining() && server.read(buffer) >= 0) {
                        // read the greeting
                    }
                    return new String(buffer.array(), java.nio.charset.StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Connection client = Transports.connect(endpoint, fixture.clientOptions().transport())) {
                client.write(ByteBuffer.wrap("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                assertThat(accepted.get()).isEqualTo("hello");
            }
        }
    }

    @Test
    void tlsEndpointsNeedTheRightSideOfATlsConfig() {
        Endpoint tls = Endpoint.parse("tls://127.0.0.1:0");
        assertThatThrownBy(() -> Transports.bind(tls, TransportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a server TlsConfig");
        assertThatThrownBy(() -> Transports.connect(tls, TransportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a client TlsConfig");
        TlsConfig server = TlsConfig.server(Fixtures.CERTIFICATE.identity()).build();
        assertThatThrownBy(() -> Transports.connect(tls, TransportOptions.defaults().withTls(server)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a client TlsConfig, not");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void streamsFollowOneAnotherOnOneConnection(Supplier<NetFixture> transport) throws Exception {
        Schema other = Schema.of(Field.of("name", DataType.UTF8));
        try (NetFixture fixture = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking();
             ConnectionServer server = Transports.listen(fixture.listen(), fixture.serverOptions().transport(),
                     connection -> {
                         NetTableWriter first = NetTableWriter.of(connection, Generated.SCHEMA, serverMemory,
                                 fixture.serverOptions());
                         try (RecordBatch batch = Generated.batch(serverMemory, 0, 100)) {
                             first.write(batch);
                         }
                         first.finish();
                         NetTableWriter second = first.nextStream(other);
                         second.finish(); // a stream with no batches
                         try (NetTableWriter third = second.nextStream(Generated.SCHEMA)) {
                             try (RecordBatch batch = Generated.batch(serverMemory, 7, 10)) {
                                 third.write(batch);
                             }
                         }
                     })) {
            NetTableReader reader = NetTableReader.connect(server.endpoint(), clientMemory, fixture.clientOptions());
            try {
                try (RecordBatch batch = reader.next()) {
                    Generated.assertBatch(batch, 0, 100, "first stream");
                }
                assertThat(reader.next()).isNull();
                NetTableReader second = reader.nextStream();
                assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("handed over");
                reader = second;
                assertThat(reader.schema()).isEqualTo(other);
                assertThat(reader.next()).isNull();
                reader = reader.nextStream();
                try (RecordBatch batch = reader.next()) {
                    Generated.assertBatch(batch, 7, 10, "third stream");
                }
                assertThat(reader.next()).isNull();
                assertThat(reader.nextStream()).as("the connection ends after the third").isNull();
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void aMissingEndMarkerIsAcceptedOnlyWhenAskedFor() throws Exception {
        DisconnectTest.Encoded stream = DisconnectTest.encode(Generated.SCHEMA);
        try (NetFixture fixture = NetFixture.tcp();
             LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             ConnectionServer server = Transports.listen(fixture.listen(), fixture.serverOptions().transport(),
                     connection -> connection.write(ByteBuffer.wrap(stream.bytes(), 0, (int) stream.batchEnds()[2])))) {
            for (boolean require : new boolean[] {true, false}) {
                try (NetTableReader reader = NetTableReader.connect(server.endpoint(), allocator,
                        fixture.clientOptions().withRequireEndOfStream(require))) {
                    for (int i = 0; i < 3; i++) {
                        try (RecordBatch batch = reader.next()) {
                            Generated.assertBatch(batch, i, 1000, "batch " + i);
                        }
                    }
                    if (require) {
                        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class)
                                .hasMessageContaining("after 3 batch(es) without the end-of-stream marker");
                    } else {
                        assertThat(reader.next()).isNull();
                        assertThat(reader.nextStream()).isNull();
                    }
                }
            }
        }
    }
}
