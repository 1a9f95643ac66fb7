package dev.lightstream.csv.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array that text is appended to as UTF-8: the scratch of one CSV field, or a line. */
final class ByteSink {
    byte[] bytes = new byte[256];
    int size;

    void clear() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    ByteSink append(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    ByteSink append(char c) {
        if (c < 0x80) {
            return append((byte) c);
        }
        return append(String.valueOf(c));
    }

    ByteSink append(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (!ascii) {
            return append(s.getBytes(StandardCharsets.UTF_8));
        }
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    ByteSink append(byte[] b) {
        return append(b, 0, b.length);
    }

    ByteSink append(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
        return this;
    }

    ByteSink append(MemorySegment segment) {
        int len = Math.toIntExact(segment.byteSize());
        ensure(len);
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, bytes, size, len);
        size += len;
        return this;
    }

    ByteSink append(long v) {
        if (v >= 0 && v < 10) {
            return append((byte) ('0' + v));
        }
        return append(Long.toString(v));
    }

    /** Appends {@code v} as exactly {@code width} digits, zero-padded. */
    ByteSink appendPadded(long v, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
        return this;
    }

    boolean contentEquals(byte[] other) {
        return Arrays.equals(bytes, 0, size, other, 0, other.length);
    }
}
