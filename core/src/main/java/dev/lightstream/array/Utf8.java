package dev.lightstream.array;

import java.lang.foreign.MemorySegment;

/** A UTF-8 well-formedness check over native bytes, without decoding into chars. */
final class Utf8 {
    private Utf8() {}

    /**
     * The position of the first byte of {@code length} bytes from {@code start} that is not part
     * of well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
     * or -1 when all are.
     */
    static long firstInvalid(MemorySegment bytes, long start, long length) {
        long i = start;
        long end = start + length;
        while (i < end) {
            int b = bytes.get(LE.BYTE, i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            int max;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
                max = 0xBF;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = b == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
                max = b == 0xED ? 0x9F : 0xBF;   // no surrogates
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = b == 0xF0 ? 0x90 : 0x80;
                max = b == 0xF4 ? 0x8F : 0xBF;   // nothing above U+10FFFF
            } else {
                return i;
            }
            if (end - i <= need) {
                return i;
            }
            int second = bytes.get(LE.BYTE, i + 1) & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                int next = bytes.get(LE.BYTE, i + k) & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}
