package dev.lightstream.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.codec.FramedReader;
import dev.lightstream.codec.tlv.TlvDecoder;
import dev.lightstream.codec.tlv.TlvFrame;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Duplex;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** stdio between two processes: this JVM and a child running {@link StdioPeerMain}. */
@Timeout(60)
class StdioTransportTest {

    private static Process child(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), StdioPeerMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** The parent's side: the child's stdout to read, its stdin to write (streams: the JDK gives no channels). */
    private static Connection connectionTo(Process process) {
        return StdioTransport.of(Channels.newChannel(process.getInputStream()),
                Channels.newChannel(process.getOutputStream()), "child " + process.pid());
    }

    private static CompletableFuture<String> stderr(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream err = process.getErrorStream()) {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "stderr unreadable: " + e;
            }
        });
    }

    @Test
    void moves64MiBEachWayBetweenTwoProcesses() throws Exception {
        long bytes = 64L << 20;
        Process process = child("duplex", "22", Long.toString(bytes));
        CompletableFuture<String> report = stderr(process);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                Connection connection = connectionTo(process)) {
            Duplex.Result parent = Duplex.run(connection, allocator, 11, bytes, true);
            assertThat(process.waitFor()).as(report.get()).isZero();
            String line = report.get().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
                    () -> new AssertionError("no result from the child: " + report.join()));
            String[] parts = line.split(" ");
            assertThat(parts[1]).as("what the child sent").isEqualTo(StdioPeerMain.formatForTest(parent.received()));
            assertThat(parts[2]).as("what the child received").isEqualTo(StdioPeerMain.formatForTest(parent.sent()));
            assertThat(parent.sent().bytes()).isGreaterThanOrEqualTo(bytes);
            assertThat(parent.received().bytes()).isGreaterThanOrEqualTo(bytes);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aChildDyingMidFrameGivesTheParentEof() throws Exception {
        Process process = child("die");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                Connection connection = connectionTo(process);
                FramedReader<TlvFrame> reader = new FramedReader<>(connection, new TlvDecoder(allocator, 1000))) {
            assertThatThrownBy(reader::read).isInstanceOf(EOFException.class)
                    .hasMessageContaining("after 3 of 100 value bytes");
            assertThat(process.waitFor()).isEqualTo(3);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aStdinReadTimesOutInTheChildAndStdioOpensOnce() throws Exception {
        Process process = child("timeout");
        CompletableFuture<String> report = stderr(process);
        try (Connection connection = connectionTo(process)) {
            // The parent keeps stdin open and sends nothing.
            assertThat(process.waitFor()).as(report.get()).isZero();
            assertThat(report.get()).contains("RESULT java.net.SocketTimeoutException: read from stdin/stdout peer "
                    + "timed out after 200 ms");
            assertThat(report.get()).contains("SECOND stdio is already open in this process");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aTimedOutPipeReadClosesTheInput() throws Exception {
        Pipe toUs = Pipe.open();
        Pipe fromUs = Pipe.open();
        try (Connection connection = StdioTransport.of(toUs.source(), fromUs.sink(), "pipe");
                Pipe.SinkChannel peer = toUs.sink()) {
            connection.setReadTimeout(Duration.ofMillis(100));
            peer.write(ByteBuffer.wrap(new byte[] {1, 2}));
            ByteBuffer buffer = ByteBuffer.allocate(8);
            assertThat(connection.read(buffer)).isEqualTo(2);
            assertThatThrownBy(() -> connection.read(buffer)).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("the input is now closed");
            assertThatThrownBy(() -> connection.read(buffer)).isInstanceOf(ClosedChannelException.class);
            // Writing still works.
            connection.write(ByteBuffer.wrap(new byte[] {5}));
            ByteBuffer got = ByteBuffer.allocate(1);
            fromUs.source().read(got);
            assertThat(got.get(0)).isEqualTo((byte) 5);
        }
    }
}
