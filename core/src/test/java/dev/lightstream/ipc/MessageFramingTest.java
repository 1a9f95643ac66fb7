package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The framing alone: every golden stream split into frames and encoded again gives the same bytes. */
class MessageFramingTest {
    static Stream<Path> cases() {
        return Golden.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesReEncodeToTheSameBytes(Path base) throws Exception {
        byte[] bytes = Files.readAllBytes(Golden.stream(base));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        MessageFrameEncoder encoder = new MessageFrameEncoder();
        int frames = 0;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             MessageFrameDecoder decoder = new MessageFrameDecoder(allocator, IpcReadOptions.DEFAULT)) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            for (MessageFrame next = decoder.decode(in); next != null; next = decoder.decode(in)) {
                try (MessageFrame frame = next) {
                    frames++;
                    List<ByteBuffer> out = new ArrayList<>();
                    encoder.encode(frame, out);
                    for (ByteBuffer b : out) {
                        byte[] chunk = new byte[b.remaining()];
                        b.get(chunk);
                        again.writeBytes(chunk);
                    }
                }
            }
            decoder.finish();
            assertThat(decoder.isEnded()).isTrue();
        }
        assertThat(frames).isGreaterThanOrEqualTo(2);
        assertThat(again.toByteArray()).isEqualTo(bytes);
    }
}
