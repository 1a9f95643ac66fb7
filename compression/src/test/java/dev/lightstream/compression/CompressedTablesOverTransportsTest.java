package dev.lightstream.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.CompressionType;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.net.BatchSource;
import dev.lightstream.net.NetOptions;
import dev.lightstream.fixtures.NetFixture;
import dev.lightstream.net.NetTableReader;
import dev.lightstream.net.TableServer;
import dev.lightstream.transport.stdio.StdioTransport;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compressed golden cases (which need the codecs) served over TCP, TLS and a Unix socket and
 * through a pipe from another process, and a few cases sent compressed with LZ4_FRAME and ZSTD:
 * value by value against the file read directly.
 */
@Timeout(60)
class CompressedTablesOverTransportsTest {

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        List<Path> sentCompressed = Golden.uncompressedCases()
                .filter(p -> p.toString().contains("cpp-21.0.0") && (p.endsWith("generated_primitive")
                        || p.endsWith("generated_dictionary") || p.endsWith("generated_nested")))
                .toList();
        for (Named<Supplier<NetFixture>> transport : NetFixture.sockets()) {
            Golden.compressedCases().forEach(base -> all.add(Arguments.of(transport, Named.of(Golden.name(base), base),
                    CompressionType.NONE)));
            for (Path base : sentCompressed) {
                for (CompressionType type : List.of(CompressionType.LZ4_FRAME, CompressionType.ZSTD)) {
                    all.add(Arguments.of(transport, Named.of(Golden.name(base), base), type));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} sent with {2}")
    @MethodSource("cases")
    void servedTableArrivesValueByValue(Supplier<NetFixture> transport, Path base, CompressionType sent)
            throws Exception {
        Path file = Golden.file(base);
        try (NetFixture plain = transport.get();
             LeakCheckingAllocator serverMemory = BufferAllocator.leakChecking();
             LeakCheckingAllocator clientMemory = BufferAllocator.leakChecking()) {
            NetFixture fixture = plain.with(o -> o.withWrite(IpcWriteOptions.DEFAULT.withCompression(sent)));
            try (Golden.Content expected = Golden.readFile(file, clientMemory);
                 TableServer server = TableServer.serve(fixture.listen(), BatchSource.ofFile(file), serverMemory,
                         fixture.serverOptions());
                 NetTableReader reader = NetTableReader.connect(server.endpoint(), clientMemory,
                         fixture.clientOptions())) {
                assertThat(reader.schema()).isEqualTo(expected.schema());
                for (int i = 0; i < expected.batches().size(); i++) {
                    try (RecordBatch batch = reader.next()) {
                        assertThat(ArrayEquality.defaults().compare(expected.batches().get(i), batch))
                                .as(Golden.name(base) + " batch " + i).isEmpty();
                    }
                }
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void compressedCasesCrossAPipeFromAnotherProcess() throws Exception {
        List<Path> cases = Golden.compressedCases().toList();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "dev.lightstream.net.StdioTablePeer", "send")); // core's test peer: one stream per file
        cases.forEach(base -> command.add(Golden.file(base).toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            NetTableReader reader = NetTableReader.of(StdioTransport.of(
                    Channels.newChannel(process.getInputStream()), Channels.newChannel(process.getOutputStream()),
                    "child"), allocator, NetOptions.defaults());
            try {
                for (int c = 0; c < cases.size(); c++) {
                    if (c > 0) {
                        reader = reader.nextStream();
                    }
                    try (Golden.Content expected = Golden.readFile(Golden.file(cases.get(c)), allocator)) {
                        assertThat(reader.schema()).isEqualTo(expected.schema());
                        for (int i = 0; i < expected.batches().size(); i++) {
                            try (RecordBatch batch = reader.next()) {
                                assertThat(ArrayEquality.defaults().compare(expected.batches().get(i), batch))
                                        .as(Golden.name(cases.get(c)) + " batch " + i).isEmpty();
                            }
                        }
                        assertThat(reader.next()).isNull();
                    }
                }
                assertThat(reader.nextStream()).isNull();
            } finally {
                reader.close();
            }
            assertThat(process.waitFor()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }
}
