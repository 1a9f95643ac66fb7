package dev.lightstream.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The handshake message: what each side sends first, before any frame. Little-endian throughout.
 *
 * <pre>
 * 0        4        6        8                 12                16
 * +--------+--------+--------+-----------------+-----------------+------------------------+
 * | "LSTP" |version | flags  | max frame bytes | body length n   | body: n bytes          |
 * | magic  | u16 = 1| u16 = 0| u32             | u32 (< 66,051)  |                        |
 * +--------+--------+--------+-----------------+-----------------+------------------------+
 *
 * body: | count: u16 (0..256) | count entries:
 *       +---------+--------+-------------+----------------------------+
 *       | kind u8 | tag u8 | name len u8 | name: 1..255 bytes of UTF-8|
 *       +---------+--------+-------------+----------------------------+
 *       kind: 0 = message, 1 = table; tags and names unique within a hello
 * </pre>
 *
 * <p>A reader checks the magic as soon as it has four bytes and the version as soon as it has
 * six, so a peer of another protocol or version is refused before anything else of its hello is
 * read. Flags are reserved: written as 0, ignored when read.
 *
 * @param version the peer's protocol version
 * @param maxFrameBytes the longest frame payload the sender of the hello accepts
 * @param entries its registrations
 */
record Hello(int version, long maxFrameBytes, List<Entry> entries) implements ProtocolDecoder.Inbound {
    /** "LSTP". */
    static final byte[] MAGIC = {'L', 'S', 'T', 'P'};
    /** The version this implementation speaks. */
    static final int VERSION = 1;
    /** Magic, version, flags, max frame bytes, body length. */
    static final int HEAD_BYTES = 16;
    /** The largest body a valid hello can have: the count and 256 entries with 255-byte names. */
    static final int MAX_BODY_BYTES = 2 + LightstreamConnection.MAX_TYPES * (3 + 255);

    /** One registration as the hello carries it. */
    record Entry(String name, ChannelKind kind, int tag) {}

    /** The hello of {@code registrations} (at most 256, names valid) announcing {@code maxFrameBytes}. */
    static byte[] encode(List<Registration> registrations, long maxFrameBytes) {
        List<byte[]> names = new ArrayList<>(registrations.size());
        int bodyLength = 2;
        for (Registration r : registrations) {
            byte[] name = nameBytes(r.name());
            names.add(name);
            bodyLength += 3 + name.length;
        }
        ByteBuffer out = ByteBuffer.allocate(HEAD_BYTES + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt((int) maxFrameBytes).putInt(bodyLength);
        out.putShort((short) registrations.size());
        for (int i = 0; i < registrations.size(); i++) {
            Registration r = registrations.get(i);
            out.put((byte) r.kind().code()).put((byte) r.tag()).put((byte) names.get(i).length).put(names.get(i));
        }
        return out.array();
    }

    /**
     * The UTF-8 bytes of a name.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 255 bytes or not valid UTF-16
     */
    static byte[] nameBytes(String name) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("name=\"" + name + "\" is not valid Unicode (an unpaired surrogate)", e);
        }
        int length = encoded.remaining();
        if (length == 0 || length > 255) {
            throw new IllegalArgumentException("name=\"" + name + "\" is " + length + " bytes of UTF-8, not 1 to 255");
        }
        byte[] bytes = new byte[length];
        encoded.get(bytes);
        return bytes;
    }

    /** Checks the magic, once the first four bytes of the head are in. */
    static void checkMagic(byte[] head) throws ProtocolException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                throw new ProtocolException("the peer does not speak the Lightstream protocol: its first bytes are 0x"
                        + HexFormat.of().formatHex(head, 0, 4) + ", not the magic 0x" + HexFormat.of().formatHex(MAGIC)
                        + " (\"LSTP\")");
            }
        }
    }

    /** The version in the head, once its first six bytes are in. */
    static int version(byte[] head) {
        return (head[4] & 0xFF) | (head[5] & 0xFF) << 8;
    }

    /** The max frame bytes of a complete head. */
    static long maxFrameBytes(byte[] head) {
        return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xFFFF_FFFFL;
    }

    /** The body length of a complete head. */
    static long bodyLength(byte[] head) {
        return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(12) & 0xFFFF_FFFFL;
    }

    /**
     * Parses a hello body.
     *
     * @throws ProtocolException if it is malformed: a count over 256, an entry cut short, an unknown
     *     kind, an empty or invalid name, a tag or name given twice, bytes after the last entry
     */
    static Hello parse(int version, long maxFrameBytes, byte[] body) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 2) {
            throw malformed("its body of " + body.length + " bytes has no entry count");
        }
        int count = in.getShort() & 0xFFFF;
        if (count > LightstreamConnection.MAX_TYPES) {
            throw malformed("it declares " + count + " registrations, more than " + LightstreamConnection.MAX_TYPES);
        }
        List<Entry> entries = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        boolean[] tags = new boolean[256];
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 3) {
                throw malformed("entry " + i + " is cut short at body offset " + in.position());
            }
            int kindCode = in.get() & 0xFF;
            int tag = in.get() & 0xFF;
            int nameLength = in.get() & 0xFF;
            ChannelKind kind = ChannelKind.ofCode(kindCode);
            if (kind == null) {
                throw malformed("entry " + i + " has kind " + kindCode + " (0 = message, 1 = table)");
            }
            if (nameLength == 0 || in.remaining() < nameLength) {
                throw malformed("entry " + i + " has a name of " + nameLength + " bytes with " + in.remaining()
                        + " bytes left");
            }
            String name;
            try {
                name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(in.slice(in.position(), nameLength)).toString();
            } catch (CharacterCodingException e) {
                throw malformed("entry " + i + " has a name that is not UTF-8");
            }
            in.position(in.position() + nameLength);
            if (!names.add(name)) {
                throw malformed("the name '" + name + "' is registered twice");
            }
            if (tags[tag]) {
                throw malformed("tag " + tag + " is given to two names (the second: '" + name + "')");
            }
            tags[tag] = true;
            entries.add(new Entry(name, kind, tag));
        }
        if (in.hasRemaining()) {
            throw malformed(in.remaining() + " bytes follow its last entry");
        }
        return new Hello(version, maxFrameBytes, List.copyOf(entries));
    }

    private static ProtocolException malformed(String detail) {
        return new ProtocolException("the peer's handshake is malformed: " + detail);
    }
}
