package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.stdio.StdioTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tables over stdio between two processes: this JVM and a child running {@link StdioTablePeer}. */
@Timeout(120)
class StdioTablesTest {

    static Process child(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StdioTablePeer.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).start();
    }

    static CompletableFuture<String> stderr(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream err = process.getErrorStream()) {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "stderr unreadable: " + e;
            }
        });
    }

    @Test
    void everyGoldenCaseCrossesAPipeFromAnotherProcess() throws Exception {
        List<Path> cases = Golden.uncompressedCases().toList();
        List<String> args = new ArrayList<>(List.of("send"));
        cases.forEach(base -> args.add(Golden.file(base).toString()));
        Process process = child(args);
        CompletableFuture<String> report = stderr(process);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            Connection pipe = StdioTransport.of(Channels.newChannel(process.getInputStream()),
                    Channels.newChannel(process.getOutputStream()), "child " + process.pid());
            NetTableReader reader = NetTableReader.of(pipe, allocator, NetOptions.defaults());
            try {
                for (int i = 0; i < cases.size(); i++) {
                    Path base = cases.get(i);
                    if (i > 0) {
                        reader = reader.nextStream();
                        assertThat(reader).as("stream " + i + " " + Golden.name(base)).isNotNull();
                    }
                    try (Golden.Content expected = Golden.readFile(Golden.file(base), allocator)) {
                        assertThat(reader.schema()).as(Golden.name(base)).isEqualTo(expected.schema());
                        List<RecordBatch> received = new ArrayList<>();
                        try {
                            for (RecordBatch batch; (batch = reader.next()) != null; ) {
                                received.add(batch);
                            }
                            Tables.assertSameBatches(expected.batches(), received, "stdio " + Golden.name(base));
                        } finally {
                            received.forEach(RecordBatch::close);
                        }
                    }
                }
                assertThat(reader.nextStream()).as("nothing after the last stream").isNull();
            } finally {
                reader.close();
            }
            assertThat(process.waitFor()).as(report.get()).isZero();
            assertThat(report.get()).contains("DONE");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void servingOverStdioWritesNothingButTheArrowStream() throws Exception {
        for (String name : List.of("generated_primitive", "generated_dictionary", "generated_nested")) {
            Path stream = Golden.uncompressedCases().filter(p -> p.toString().contains("cpp-21.0.0")
                    && p.getFileName().toString().equals(name)).map(Golden::stream).findFirst().orElseThrow();
            Process process = child(List.of("serve", stream.toString()));
            CompletableFuture<String> report = stderr(process);
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                process.getOutputStream().close(); // the server reads nothing
                byte[] stdout;
                try (InputStream in = process.getInputStream()) {
                    stdout = in.readAllBytes();
                }
                assertThat(process.waitFor()).as(report.get()).isZero();
                assertThat(stdout).as(name + ": stdout is exactly the stream our writer makes")
                        .isEqualTo(expectedStream(stream, allocator));
                try (ArrowStreamReader parsed = new ArrowStreamReader(
                        Channels.newChannel(new java.io.ByteArrayInputStream(stdout)), allocator);
                     Golden.Content expected = Golden.readStream(stream, allocator)) {
                    assertThat(parsed.schema()).isEqualTo(expected.schema());
                    for (RecordBatch want : expected.batches()) {
                        try (RecordBatch got = parsed.next()) {
                            Tables.assertSameBatch(want, got, name);
                        }
                    }
                    assertThat(parsed.next()).isNull();
                }
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /** The bytes an in-process stream writer makes of the stream's batches. */
    private static byte[] expectedStream(Path stream, BufferAllocator allocator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Golden.Content content = Golden.readStream(stream, allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(bytes), content.schema(),
                     allocator)) {
            for (RecordBatch batch : content.batches()) {
                writer.write(batch);
            }
        }
        return bytes.toByteArray();
    }
}
