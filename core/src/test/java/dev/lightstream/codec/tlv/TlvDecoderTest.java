package dev.lightstream.codec.tlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.codec.FramedReader;
import dev.lightstream.memory.Alignment;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.testing.ChunkedByteChannel;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class TlvDecoderTest {
    private static final int WHOLE = Integer.MAX_VALUE;

    static Stream<Arguments> splits() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed : new long[] {1, 2, 3}) {
            for (int chunk : new int[] {1, 2, 8, 123, WHOLE}) {
                for (boolean scattering : new boolean[] {true, false}) {
                    cases.add(Arguments.of(seed, chunk, scattering));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed={0} chunk={1} scattering={2}")
    @MethodSource("splits")
    void framedReaderDecodesEverySplit(long seed, int chunk, boolean scattering) throws IOException {
        TlvTestStream stream = TlvTestStream.random(seed, 60, 3000);
        ReadableByteChannel channel = scattering
                ? new ChunkedByteChannel(stream.bytes(), chunk)
                : ChunkedByteChannel.plain(stream.bytes(), chunk);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                FramedReader<TlvFrame> reader = new FramedReader<>(channel, new TlvDecoder(allocator, 4096), 64)) {
            assertFrames(reader, stream, "seed=" + seed);
            assertThat(reader.read()).isNull();
            assertThat(reader.bytesRead()).isEqualTo(stream.bytes().length);
        }
    }

    @ParameterizedTest(name = "seed={0} chunk={1}")
    @MethodSource("splits")
    void decoderAloneDecodesEverySplit(long seed, int chunk, boolean ignored) throws IOException {
        TlvTestStream stream = TlvTestStream.random(seed, 60, 3000);
        byte[] bytes = stream.bytes();
        List<TlvFrame> frames = new ArrayList<>();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                TlvDecoder decoder = new TlvDecoder(allocator, 4096, 64)) { // 64: exercise growth too
            for (int offset = 0; offset < bytes.length; offset += Math.min(chunk, bytes.length - offset)) {
                ByteBuffer in = ByteBuffer.wrap(bytes, offset, Math.min(chunk, bytes.length - offset));
                for (TlvFrame frame; (frame = decoder.decode(in)) != null; ) {
                    frames.add(frame);
                }
                assertThat(in.hasRemaining()).as("null means all consumed").isFalse();
            }
            decoder.finish();
            assertThat(decoder.atFrameBoundary()).isTrue();
            assertThat(frames).hasSize(stream.types().size());
            for (int i = 0; i < frames.size(); i++) {
                try (TlvFrame frame = frames.get(i)) {
                    assertThat(frame.type()).as("seed=%d frame %d", seed, i).isEqualTo(stream.types().get(i));
                    assertThat(frame.toByteArray()).as("seed=%d frame %d", seed, i).isEqualTo(stream.values().get(i));
                }
            }
        }
    }

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {1, 2, 8, 123, WHOLE})
    void truncatedAtEveryPrefix(int chunk) throws IOException {
        TlvTestStream stream = TlvTestStream.random(42, 12, 200);
        byte[] bytes = stream.bytes();
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            for (int prefix = 0; prefix <= bytes.length; prefix++) {
                byte[] cut = java.util.Arrays.copyOf(bytes, prefix);
                int whole = (int) stream.frameEnds().stream().filter(end -> end <= cut.length).count();
                boolean atBoundary = prefix == 0 || stream.frameEnds().contains(prefix);
                try (FramedReader<TlvFrame> reader =
                        new FramedReader<>(new ChunkedByteChannel(cut, chunk), new TlvDecoder(allocator, 1000))) {
                    for (int i = 0; i < whole; i++) {
                        try (TlvFrame frame = reader.read()) {
                            assertThat(frame.toByteArray()).as("prefix=%d frame %d", prefix, i)
                                    .isEqualTo(stream.values().get(i));
                        }
                    }
                    if (atBoundary) {
                        assertThat(reader.read()).as("prefix=%d", prefix).isNull();
                    } else {
                        int at = prefix;
                        assertThatThrownBy(reader::read).as("prefix=%d", at).isInstanceOf(EOFException.class)
                                .hasMessageContaining("TLV frame " + whole);
                    }
                }
            }
            allocator.assertNoLeaks();
        }
    }

    @Test
    void truncatedInputThroughFinish() throws IOException {
        byte[] bytes = TlvTestStream.concat(TlvTestStream.header(9, 10), new byte[4]);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                TlvDecoder decoder = new TlvDecoder(allocator, 100)) {
            assertThat(decoder.decode(ByteBuffer.wrap(bytes))).isNull();
            assertThat(decoder.atFrameBoundary()).isFalse();
            assertThatThrownBy(decoder::finish).isInstanceOf(EOFException.class)
                    .hasMessage("input ended inside TLV frame 0 (type=9) at stream offset 0, after 4 of 10 value bytes");
            allocator.assertNoLeaks(); // the partial value was released
        }
    }

    @ParameterizedTest(name = "declared length {0}")
    @ValueSource(longs = {1001, 1L << 20, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL})
    void forgedLengthOverTheMaximumAllocatesNothing(long declared) throws IOException {
        // The allocator could not even hold one such value: any attempt would fail differently.
        try (BufferAllocator allocator = BufferAllocator.create(4096);
                TlvDecoder decoder = new TlvDecoder(allocator, 1000)) {
            ByteBuffer in = ByteBuffer.wrap(TlvTestStream.concat(TlvTestStream.header(3, declared), new byte[7]));
            assertThatThrownBy(() -> decoder.decode(in))
                    .isInstanceOfSatisfying(FrameTooLargeException.class, e -> {
                        assertThat(e.length()).isEqualTo(declared);
                        assertThat(e.maximum()).isEqualTo(1000);
                    })
                    .hasMessageContaining("TLV frame 0 (type=3) at stream offset 0");
            assertThat(allocator.peakBytes()).isZero();
        }
    }

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {1, 2, 8, 123, WHOLE})
    void goesOnAfterAnOversizedFrame(int chunk) throws IOException {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 0x5A);
        TlvTestStream stream = TlvTestStream.of(List.of(1, 2, 3, 4), List.of(new byte[] {10, 11}, big, new byte[0],
                new byte[] {12, 13, 14}));
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                FramedReader<TlvFrame> reader =
                        new FramedReader<>(new ChunkedByteChannel(stream.bytes(), chunk), new TlvDecoder(allocator, 100))) {
            try (TlvFrame first = reader.read()) {
                assertThat(first.type()).isEqualTo(1);
                assertThat(first.toByteArray()).containsExactly(10, 11);
            }
            assertThatThrownBy(reader::read).isInstanceOfSatisfying(FrameTooLargeException.class,
                    e -> assertThat(e.length()).isEqualTo(5000));
            try (TlvFrame empty = reader.read()) {
                assertThat(empty.type()).isEqualTo(3);
                assertThat(empty.length()).isZero();
            }
            try (TlvFrame last = reader.read()) {
                assertThat(last.type()).isEqualTo(4);
                assertThat(last.toByteArray()).containsExactly(12, 13, 14);
            }
            assertThat(reader.read()).isNull();
            assertThat(allocator.peakBytes()).as("nothing allocated for the skipped value").isLessThan(5000);
        }
    }

    @Test
    void oversizedFrameCutShortIsEof() throws IOException {
        byte[] bytes = TlvTestStream.concat(TlvTestStream.header(8, 500), new byte[20]);
        try (BufferAllocator allocator = BufferAllocator.create();
                FramedReader<TlvFrame> reader =
                        new FramedReader<>(new ChunkedByteChannel(bytes, 8), new TlvDecoder(allocator, 100))) {
            assertThatThrownBy(reader::read).isInstanceOf(FrameTooLargeException.class);
            assertThatThrownBy(reader::read).isInstanceOf(EOFException.class)
                    .hasMessageContaining("while skipping an oversized value, 480 of 500 bytes missing");
        }
    }

    @Test
    void allocatorRefusalIsAnIoExceptionAndTheDecoderGoesOn() throws IOException {
        byte[] bytes = TlvTestStream.concat(TlvTestStream.header(1, 3000), new byte[3000],
                TlvTestStream.header(2, 3), new byte[] {1, 2, 3});
        try (BufferAllocator allocator = BufferAllocator.create(1024);
                FramedReader<TlvFrame> reader =
                        new FramedReader<>(new ChunkedByteChannel(bytes, 123), new TlvDecoder(allocator, 10_000))) {
            assertThatThrownBy(reader::read).isInstanceOf(IOException.class)
                    .isNotInstanceOf(FrameTooLargeException.class)
                    .hasMessageContaining("cannot allocate 3000 bytes");
            try (TlvFrame frame = reader.read()) {
                assertThat(frame.type()).isEqualTo(2);
                assertThat(frame.toByteArray()).containsExactly(1, 2, 3);
            }
            assertThat(reader.read()).isNull();
        }
    }

    @Test
    void zeroLengthValuesAndEdgeTypes() throws IOException {
        byte[] bytes = TlvTestStream.concat(TlvTestStream.header(0, 0), TlvTestStream.header(255, 0),
                TlvTestStream.header(255, 1), new byte[] {-1});
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                TlvDecoder decoder = new TlvDecoder(allocator, 0 + 1)) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            try (TlvFrame a = decoder.decode(in); TlvFrame b = decoder.decode(in); TlvFrame c = decoder.decode(in)) {
                assertThat(a.type()).isZero();
                assertThat(a.length()).isZero();
                assertThat(a.block()).as("an empty value takes no memory").isNull();
                assertThat(b.type()).isEqualTo(255);
                assertThat(b.length()).isZero();
                assertThat(c.type()).isEqualTo(255);
                assertThat(c.toByteArray()).containsExactly(-1);
            }
            assertThat(decoder.decode(in)).isNull();
            assertThat(allocator.totalAllocations()).isEqualTo(1);
        }
    }

    @Test
    void maximumOfZeroAcceptsOnlyEmptyValues() throws IOException {
        try (BufferAllocator allocator = BufferAllocator.create(); TlvDecoder decoder = new TlvDecoder(allocator, 0)) {
            assertThat(decoder.decode(ByteBuffer.wrap(TlvTestStream.header(5, 0))).type()).isEqualTo(5);
            assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(TlvTestStream.header(5, 1))))
                    .isInstanceOf(FrameTooLargeException.class);
        }
    }

    @Test
    void valuesLandAlignedAndLargeOnesAreReadInPlace() throws IOException {
        byte[] value = new byte[1 << 20];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31 + 7);
        }
        byte[] bytes = TlvTestStream.concat(TlvTestStream.header(77, value.length), value);
        ChunkedByteChannel channel = new ChunkedByteChannel(bytes, WHOLE);
        try (BufferAllocator allocator = BufferAllocator.create();
                FramedReader<TlvFrame> reader = new FramedReader<>(channel, new TlvDecoder(allocator, 2 << 20));
                TlvFrame frame = reader.read()) {
            MemorySegment segment = frame.value();
            assertThat(Alignment.isAligned(segment, 64)).isTrue();
            assertThat(frame.toByteArray()).isEqualTo(value);
            long start = frame.block().segment().address();
            // The value's bytes after the first staging read went straight into the block.
            assertThat(channel.lastDestinationAddress()).isBetween(start, start + value.length - 1);
            assertThat(channel.reads()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void valuesOverThePreallocationGrowAsBytesArrive() throws IOException {
        byte[] value = new byte[100_000];
        IntStream.range(0, value.length).forEach(i -> value[i] = (byte) (i ^ (i >>> 8)));
        byte[] bytes = TlvTestStream.concat(TlvTestStream.header(4, value.length), value);
        try (BufferAllocator allocator = BufferAllocator.create();
                TlvDecoder decoder = new TlvDecoder(allocator, 200_000, 1024)) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, 5 + 10);
            assertThat(decoder.decode(in)).isNull();
            assertThat(allocator.allocatedBytes()).as("only the preallocation so far").isLessThanOrEqualTo(1024);
            // Fill through the direct buffer, the way a FramedReader does.
            int offset = 15;
            TlvFrame frame = null;
            while (frame == null) {
                ByteBuffer direct = decoder.directBuffer();
                int n = Math.min(direct.remaining(), bytes.length - offset);
                direct.put(bytes, offset, n);
                offset += n;
                frame = decoder.decode(ByteBuffer.allocate(0));
            }
            try (TlvFrame done = frame) {
                assertThat(done.toByteArray()).isEqualTo(value);
                assertThat(done.value().get(ValueLayout.JAVA_BYTE, 99_999)).isEqualTo(value[99_999]);
            }
        }
    }

    @Test
    void closedFramesAndDecodersRefuseUse() throws IOException {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            TlvDecoder decoder = new TlvDecoder(allocator, 10);
            TlvFrame frame = decoder.decode(ByteBuffer.wrap(TlvTestStream.concat(TlvTestStream.header(1, 2),
                    new byte[] {5, 6})));
            frame.close();
            frame.close(); // idempotent
            assertThatThrownBy(frame::value).isInstanceOf(IllegalStateException.class);
            decoder.close();
            assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
            assertThat(allocator.allocatedBytes()).isZero();
        }
    }

    @Test
    void rejectsBadConfiguration() {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            assertThatThrownBy(() -> new TlvDecoder(allocator, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxValueBytes=-1");
            assertThatThrownBy(() -> new TlvDecoder(allocator, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TlvDecoder(allocator, 10, 8)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void assertFrames(FramedReader<TlvFrame> reader, TlvTestStream stream, String context)
            throws IOException {
        for (int i = 0; i < stream.types().size(); i++) {
            try (TlvFrame frame = reader.read()) {
                assertThat(frame).as("%s frame %d", context, i).isNotNull();
                assertThat(frame.type()).as("%s frame %d", context, i).isEqualTo(stream.types().get(i));
                assertThat(frame.toByteArray()).as("%s frame %d", context, i).isEqualTo(stream.values().get(i));
                if (frame.length() > 0) {
                    assertThat(Alignment.isAligned(frame.value(), 64)).isTrue();
                }
            }
        }
    }
}
