package dev.lightstream.transport.stdio;

import dev.lightstream.codec.FramedReader;
import dev.lightstream.codec.tlv.TlvDecoder;
import dev.lightstream.codec.tlv.TlvFrame;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.transport.Connection;
import dev.lightstream.transport.Duplex;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The child process of {@link StdioTransportTest}: serves its parent over stdin/stdout and reports
 * on stderr (stdout carries only frames).
 *
 * <ul>
 *   <li>{@code duplex <seed> <bytes>}: sends seeded traffic while reading the parent's; prints
 *       {@code RESULT <sent> <received>}.</li>
 *   <li>{@code die}: writes a frame header and 3 of its 100 value bytes, then exits.</li>
 *   <li>{@code timeout}: tries to open stdio a second time, then reads stdin with a 200 ms
 *       timeout; prints the exceptions it got.</li>
 * </ul>
 */
public final class StdioPeerMain {
    private StdioPeerMain() {}

    public static void main(String[] args) throws Exception {
        try (Connection parent = StdioTransport.open(); BufferAllocator allocator = BufferAllocator.create()) {
            switch (args[0]) {
                case "duplex" -> {
                    Duplex.Result result = Duplex.run(parent, allocator, Long.parseLong(args[1]),
                            Long.parseLong(args[2]), true);
                    System.err.println("RESULT " + format(result.sent()) + " " + format(result.received()));
                }
                case "die" -> {
                    parent.write(ByteBuffer.wrap(new byte[] {9, 100, 0, 0, 0, 1, 2, 3}));
                    System.exit(3); // no clean close: the process just ends
                }
                case "timeout" -> {
                    try {
                        StdioTransport.open();
                        System.err.println("SECOND opened twice");
                    } catch (IllegalStateException e) {
                        System.err.println("SECOND " + e.getMessage());
                    }
                    parent.setReadTimeout(Duration.ofMillis(200));
                    try (FramedReader<TlvFrame> reader = new FramedReader<>(parent, new TlvDecoder(allocator, 10))) {
                        reader.read();
                        System.err.println("RESULT no timeout");
                    } catch (Exception e) {
                        System.err.println("RESULT " + e.getClass().getName() + ": " + e.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static String format(dev.lightstream.transport.FrameTraffic.Digest digest) {
        return digest.frames() + ":" + digest.bytes() + ":" + Long.toHexString(digest.crc());
    }

    static String formatForTest(dev.lightstream.transport.FrameTraffic.Digest digest) {
        return format(digest);
    }
}
