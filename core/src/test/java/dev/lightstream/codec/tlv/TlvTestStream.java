package dev.lightstream.codec.tlv;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** A seeded random sequence of TLV frames and its exact encoding, built independently of the encoder. */
record TlvTestStream(List<Integer> types, List<byte[]> values, byte[] bytes, List<Integer> frameEnds) {

    static TlvTestStream random(long seed, int frames, int maxValue) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        List<Integer> types = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            // Always include the edge types and an empty value.
            int type = i == 0 ? 0 : i == 1 ? 255 : random.nextInt(256);
            int size = i == 2 ? 0 : random.nextInt(4) == 0 ? 0 : random.nextInt(maxValue + 1);
            byte[] value = new byte[size];
            random.nextBytes(value);
            types.add(type);
            values.add(value);
        }
        return of(types, values);
    }

    static TlvTestStream of(List<Integer> types, List<byte[]> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            out.write(types.get(i));
            int length = values.get(i).length;
            out.write(length);
            out.write(length >>> 8);
            out.write(length >>> 16);
            out.write(length >>> 24);
            out.writeBytes(values.get(i));
            ends.add(out.size());
        }
        return new TlvTestStream(List.copyOf(types), List.copyOf(values), out.toByteArray(), List.copyOf(ends));
    }

    /** A raw header: type and a 32-bit little-endian length, which may lie. */
    static byte[] header(int type, long length) {
        return ByteBuffer.allocate(5).order(java.nio.ByteOrder.LITTLE_ENDIAN).put((byte) type).putInt((int) length)
                .array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
