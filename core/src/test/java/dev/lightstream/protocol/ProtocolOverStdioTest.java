package dev.lightstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.stdio.StdioTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The protocol between two processes over stdio: this JVM and a child running {@link ProtocolPeerMain}. */
@Timeout(120)
class ProtocolOverStdioTest {

    @Test
    void interleavedTrafficBothWaysBetweenTwoProcesses() throws Exception {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ProtocolPeerMain.class.getName(),
                "traffic", "2", "1")).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try (InputStream err = process.getErrorStream()) {
                return new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "stderr unreadable: " + e;
            }
        });
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            Connection child = StdioTransport.of(Channels.newChannel(process.getInputStream()),
                    Channels.newChannel(process.getOutputStream()), "child " + process.pid());
            Traffic.Received received;
            try (LightstreamConnection connection = new LightstreamConnection(child, allocator)) {
                Traffic.register(connection, false);
                received = Traffic.run(connection, allocator, 1, 2);
            } catch (Exception | AssertionError e) {
                process.destroyForcibly();
                throw new AssertionError("the parent's side failed; the child said: " + stderr.get(), e);
            }
            assertThat(received).isEqualTo(Traffic.Received.expected());
            assertThat(process.waitFor()).as(stderr.get()).isZero();
            assertThat(stderr.get()).contains("RESULT " + Traffic.Received.expected());
        } finally {
            process.destroyForcibly();
        }
    }
}
