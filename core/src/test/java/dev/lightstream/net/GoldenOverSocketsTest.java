package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every uncompressed golden case, read from its .arrow_file, served by a {@link TableServer} over
 * TCP, TLS and a Unix socket (the server's connection thread writes, this thread reads) and
 * compared value by value with the file read directly. The compressed cases run in the compression
 * module, which has the codecs.
 */
@Timeout(60)
class GoldenOverSocketsTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Named<Supplier<NetFixture>> transport : NetFixture.sockets()) {
            Golden.uncompressedCases().forEach(base ->
                    all.add(Arguments.of(transport, Named.of(Golden.name(base), base))));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void servedTableArrivesValueByValue(Supplier<NetFixture> transport, Path base) throws Exception {
        Path file = Golden.file(base);
        try (NetFixture fixture = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            try (Golden.Content expected = Golden.readFile(file, clientMemory);
                 TableServer server = TableServer.serve(fixture.listen(), BatchSource.ofFile(file), serverMemory,
                         fixture.serverOptions());
                 NetTableReader reader = NetTableReader.connect(server.endpoint(), clientMemory,
                         fixture.clientOptions())) {
                assertThat(reader.schema()).isEqualTo(expected.schema());
                List<RecordBatch> received = new ArrayList<>();
                try {
                    for (RecordBatch batch; (batch = reader.next()) != null; ) {
                        received.add(batch);
                    }
                    Tables.assertSameBatches(expected.batches(), received, fixture.name() + " " + Golden.name(base));
                } finally {
                    received.forEach(RecordBatch::close);
                }
            }
        }
    }
}
