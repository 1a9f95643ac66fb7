package dev.lightstream.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.ipc.CompressionCodec;
import dev.lightstream.ipc.CompressionType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecTest {
    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"LZ4_FRAME", "ZSTD"})
    void roundTripsAndRejectsCorruptInput(CompressionType type) throws IOException {
        CompressionCodec codec = CompressionCodec.find(type);
        assertThat(codec.type()).isEqualTo(type);
        long seed = 42;
        Random random = new Random(seed);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocate(100_000);
            for (long i = 0; i < source.byteSize(); ) { // runs of a repeated byte: compressible
                byte value = (byte) random.nextInt(256);
                for (int run = 1 + random.nextInt(40); run > 0 && i < source.byteSize(); run--, i++) {
                    source.set(ValueLayout.JAVA_BYTE, i, value);
                }
            }
            MemorySegment compressed = arena.allocate(codec.maxCompressedLength(source.byteSize()));
            long n = codec.compress(source, compressed, CompressionCodec.DEFAULT_LEVEL);
            assertThat(n).as("seed " + seed).isLessThan(source.byteSize());
            MemorySegment back = arena.allocate(source.byteSize());
            codec.decompress(compressed.asSlice(0, n), back);
            assertThat(back.mismatch(source)).isEqualTo(-1);

            // a wrong expected size is an IOException, not a silent short read
            MemorySegment shorter = arena.allocate(source.byteSize() - 1);
            assertThatThrownBy(() -> codec.decompress(compressed.asSlice(0, n), shorter)).isInstanceOf(IOException.class);
            MemorySegment longer = arena.allocate(source.byteSize() + 1);
            assertThatThrownBy(() -> codec.decompress(compressed.asSlice(0, n), longer)).isInstanceOf(IOException.class);
            // garbage is an IOException
            MemorySegment garbage = arena.allocate(64);
            garbage.fill((byte) 0x5A);
            assertThatThrownBy(() -> codec.decompress(garbage, back)).isInstanceOf(IOException.class);
            // heap segments go through the byte-array path
            byte[] heap = source.toArray(ValueLayout.JAVA_BYTE);
            MemorySegment heapOut = MemorySegment.ofArray(new byte[(int) codec.maxCompressedLength(heap.length)]);
            long m = codec.compress(MemorySegment.ofArray(heap), heapOut, CompressionCodec.DEFAULT_LEVEL);
            MemorySegment heapBack = MemorySegment.ofArray(new byte[heap.length]);
            codec.decompress(heapOut.asSlice(0, m), heapBack);
            assertThat(heapBack.mismatch(source)).isEqualTo(-1);
        }
    }
}
