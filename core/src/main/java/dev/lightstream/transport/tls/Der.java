package dev.lightstream.transport.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A minimal DER (ASN.1 Distinguished Encoding Rules) writer: exactly what an X.509 certificate
 * needs. Every value is a tag, a length and the content:
 *
 * <pre>
 * +-----+--------------------------------------+-----------------+
 * | tag | length: 1 byte if &lt; 128, else        | content         |
 * |     | 0x80|n then n big-endian bytes       | (length bytes)  |
 * +-----+--------------------------------------+-----------------+
 * </pre>
 *
 * Each method returns the complete encoding of one value, so that values nest by composition:
 * {@code sequence(integer(2), oid("2.5.4.3"))}.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {}

    /** A value with tag {@code tag} and the given content. */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(0x30, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return tlv(0x31, concat(elements));
    }

    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray()); // two's complement, minimal: what DER wants
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] nullValue() {
        return tlv(0x05, new byte[0]);
    }

    static byte[] octetString(byte[] value) {
        return tlv(0x04, value);
    }

    /** A BIT STRING of whole bytes. */
    static byte[] bitString(byte[] value) {
        return bitString(value, 0);
    }

    /** A BIT STRING whose last byte has {@code unusedBits} padding bits at the low end. */
    static byte[] bitString(byte[] value, int unusedBits) {
        return tlv(0x03, concat(new byte[] {(byte) unusedBits}, value));
    }

    static byte[] utf8String(String value) {
        return tlv(0x0C, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An OBJECT IDENTIFIER from its dotted form ({@code "1.2.840.10045.4.3.2"}). */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("oid=" + dotted + " has fewer than two arcs");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    /** Seven bits per byte, most significant first, the high bit set on all but the last. */
    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int bits = (int) (value >>> (7 * i)) & 0x7F;
            out.write(i == 0 ? bits : bits | 0x80);
        }
    }

    /** UTCTime for years 1950 to 2049, GeneralizedTime otherwise, as RFC 5280 requires. */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC).withNano(0);
        if (utc.getYear() >= 1950 && utc.getYear() < 2050) {
            return tlv(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** An EXPLICIT context-specific tag {@code [n]} around a complete value. */
    static byte[] explicit(int n, byte[] value) {
        return tlv(0xA0 | n, value);
    }

    /** An IMPLICIT context-specific primitive tag {@code [n]} with raw content. */
    static byte[] implicit(int n, byte[] content) {
        return tlv(0x80 | n, content);
    }
}
