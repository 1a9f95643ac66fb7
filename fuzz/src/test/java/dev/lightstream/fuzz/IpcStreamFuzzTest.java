package dev.lightstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.SegmentStreamReader;
import java.lang.foreign.MemorySegment;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IPC stream decoder on arbitrary bytes, twice: through {@link ArrowStreamReader} on a channel
 * that returns at most 4,096 bytes a read (the push decoder, bodies read straight into their
 * blocks, messages split across reads), and through {@link SegmentStreamReader} (the same bytes in
 * place in memory).
 */
class IpcStreamFuzzTest {
    static Stream<Arguments> seeds() {
        return Seeds.ipcStreams();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void streamDecoder(byte[] input) {
        Contract.readOrRefuse(allocator -> {
            try (ArrowStreamReader reader = new ArrowStreamReader(new BytesChannel(input, 4096), allocator,
                    Contract.OPTIONS)) {
                reader.schema();
                Contract.drain(reader::next);
            }
        });
        Contract.readOrRefuse(allocator -> {
            try (SegmentStreamReader reader = new SegmentStreamReader(MemorySegment.ofArray(input), allocator,
                    Contract.OPTIONS)) {
                reader.schema();
                Contract.drain(reader::next);
            }
        });
    }
}
