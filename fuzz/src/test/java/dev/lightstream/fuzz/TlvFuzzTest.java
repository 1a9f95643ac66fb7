package dev.lightstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.codec.tlv.TlvDecoder;
import dev.lightstream.codec.tlv.TlvFrame;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLV decoder against a reference reading of the same bytes. The first input byte chooses the
 * chunk size the rest is pushed in; the decoder allows values of at most {@link #MAX_VALUE} bytes
 * and preallocates 64, so that the growing, the skipping of oversized values and the going on
 * after them are all reached. The frames decoded, the oversized frames refused and the verdict at
 * the end (clean, or {@link EOFException}) must be exactly those of the reference.
 */
class TlvFuzzTest {
    static final int MAX_VALUE = 1000;
    private static final int[] CHUNKS = {1, 2, 3, 5, 8, 64, 123, 4096};

    /** Generated streams: frame sequences of various lengths, some oversized, some cut short. */
    static Stream<Arguments> seeds() {
        return IntStream.range(0, 24).mapToObj(seed -> {
            Random random = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(seed % CHUNKS.length);
            for (int f = 0; f < 1 + random.nextInt(5); f++) {
                int length = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(64);
                    case 2 -> random.nextInt(MAX_VALUE + 1);
                    default -> MAX_VALUE + 1 + random.nextInt(100);
                };
                out.write(random.nextInt(256));
                out.writeBytes(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(length).array());
                byte[] value = new byte[length];
                random.nextBytes(value);
                out.writeBytes(value);
            }
            byte[] bytes = out.toByteArray();
            if (seed % 3 == 2) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            return Arguments.argumentSet("generated seed " + seed, (Object) bytes);
        });
    }

    /** What a frame came out as: a value, or "too large" with its declared length. */
    record Outcome(int type, long length, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && type == other.type && length == other.length
                    && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(length) + type;
        }

        @Override
        public String toString() {
            return "type=" + type + " length=" + length + (value == null ? " (too large)" : "");
        }
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void tlvDecoder(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = CHUNKS[(input[0] & 0xFF) % CHUNKS.length];
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        List<Outcome> expected = new ArrayList<>();
        boolean expectTruncated = reference(stream, expected);
        List<Outcome> actual = new ArrayList<>();
        boolean[] truncated = {false};
        Contract.readOrRefuse(allocator -> {
            try (TlvDecoder decoder = new TlvDecoder(allocator, MAX_VALUE, 64)) {
                for (int at = 0; at < stream.length; at += chunk) {
                    ByteBuffer in = ByteBuffer.wrap(stream, at, Math.min(chunk, stream.length - at));
                    while (true) {
                        try (TlvFrame frame = decoder.decode(in)) {
                            if (frame == null) {
                                break;
                            }
                            actual.add(new Outcome(frame.type(), frame.length(), frame.toByteArray()));
                        } catch (FrameTooLargeException tooLarge) {
                            actual.add(new Outcome(-1, tooLarge.length(), null));
                        }
                    }
                    if (in.hasRemaining()) {
                        throw new AssertionError("decode returned null with " + in.remaining() + " bytes unread");
                    }
                }
                try {
                    decoder.finish();
                } catch (EOFException e) {
                    truncated[0] = true;
                }
            }
        });
        // The reference cannot know a refused frame's type from the exception: compare it as -1.
        if (!actual.equals(expected) || truncated[0] != expectTruncated) {
            throw new AssertionError("chunk " + chunk + ": decoded " + actual + (truncated[0] ? " then EOF" : "")
                    + ", expected " + expected + (expectTruncated ? " then EOF" : ""));
        }
    }

    /** Reads {@code stream} the simple way; returns true if it ends inside a frame. */
    private static boolean reference(byte[] stream, List<Outcome> out) {
        int at = 0;
        while (at < stream.length) {
            if (stream.length - at < TlvDecoder.HEADER_BYTES) {
                return true;
            }
            int type = stream[at] & 0xFF;
            long length = ByteBuffer.wrap(stream, at + 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
            at += TlvDecoder.HEADER_BYTES;
            if (length > MAX_VALUE) {
                out.add(new Outcome(-1, length, null));
            }
            if (stream.length - at < length) {
                return true;
            }
            if (length <= MAX_VALUE) {
                out.add(new Outcome(type, length, Arrays.copyOfRange(stream, at, at + (int) length)));
            }
            at += (int) length;
        }
        return false;
    }
}
