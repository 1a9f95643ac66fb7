package dev.lightstream.csv.internal;

import dev.lightstream.csv.CsvFormatException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits CSV bytes from a channel into records and fields, without holding more than the record
 * being parsed (plus one read buffer) in memory.
 *
 * <p>Fields are byte ranges: into the read buffer for plain fields, into a per-record scratch
 * buffer for fields that had quotes doubled or characters escaped. A quoted field may hold the
 * delimiter and line breaks. Records end at LF, CRLF or a lone CR; empty lines are skipped. When a
 * record runs past the end of the buffer, the partial record moves to the front, more bytes are
 * read (the buffer grows up to {@code maxRecordBytes}) and the record is parsed again from its
 * start, so a record may arrive in pieces of any size.
 *
 * <pre>
 *   buffer: [ consumed | record being parsed ........ | unread ]
 *                      ^start                  ^pos   ^end
 * </pre>
 */
public final class CsvTokenizer {
    private static final int NEED_MORE = -1;

    private final ReadableByteChannel in;
    private final byte delimiter;
    private final int quote;
    private final int escape;
    private final int maxRecordBytes;

    private byte[] buf;
    private int start;
    private int end;
    private boolean eof;
    private long bytesRead;
    private long nextLine = 1;
    private boolean first = true;

    // The current record.
    private long line;
    private int count;
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private boolean[] scratched = new boolean[16];
    private boolean[] quoted = new boolean[16];
    private byte[] scratch = new byte[256];
    private int scratchLength;
    private int lines;

    /**
     * @param quote the quote byte, or -1 for none
     * @param escape the escape byte, or -1 for none (a quote doubled inside quotes always stands for one)
     */
    public CsvTokenizer(ReadableByteChannel in, byte delimiter, int quote, int escape, int bufferBytes,
            int maxRecordBytes) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape == quote ? -1 : escape;
        this.maxRecordBytes = maxRecordBytes;
        this.buf = new byte[Math.min(bufferBytes, maxRecordBytes)];
    }

    /** Bytes read from the channel so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Parses the next record.
     *
     * @return false at the end of the input
     * @throws CsvFormatException for a quote left open, text after a closing quote, or a record over the maximum size
     */
    public boolean next() throws IOException {
        while (true) {
            int p = skipEmptyLines();
            if (p == NEED_MORE) {
                if (eof) {
                    return false;
                }
                fill();
                continue;
            }
            int after = parse(p);
            if (after != NEED_MORE) {
                start = after;
                nextLine = line + lines + 1;
                return true;
            }
            fill();
        }
    }

    /** Skips line breaks (and a UTF-8 byte order mark at the very start); the start of a record, or NEED_MORE. */
    private int skipEmptyLines() throws IOException {
        if (first) {
            if (end - start < 3 && !eof) {
                return NEED_MORE;
            }
            if (end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB && buf[start + 2] == (byte) 0xBF) {
                start += 3;
            }
            first = false;
        }
        while (start < end) {
            byte b = buf[start];
            if (b == '\n') {
                start++;
                nextLine++;
            } else if (b == '\r') {
                if (start + 1 == end && !eof) {
                    return NEED_MORE;
                }
                start += start + 1 < end && buf[start + 1] == '\n' ? 2 : 1;
                nextLine++;
            } else {
                return start;
            }
        }
        return NEED_MORE;
    }

    /** Reads more bytes, first moving the partial record to the front, growing the buffer when it is full. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            if (buf.length >= maxRecordBytes) {
                throw new CsvFormatException(nextLine, 0, null, null,
                        "starts a record longer than the maximum of " + maxRecordBytes + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxRecordBytes));
        }
        int n = in.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
            eof = true;
        } else {
            end += n;
            bytesRead += n;
        }
    }

    /** Parses a record starting at {@code p}; the position after its line break, or NEED_MORE. */
    private int parse(int p) throws CsvFormatException {
        line = nextLine;
        count = 0;
        scratchLength = 0;
        lines = 0;
        while (true) {
            int fieldStart = p;
            boolean isQuoted = quote >= 0 && p < end && buf[p] == (byte) quote;
            int after = isQuoted ? quotedField(p + 1) : plainField(p);
            if (after == NEED_MORE) {
                return NEED_MORE;
            }
            p = after;
            if (p == end) {
                if (!eof) {
                    return NEED_MORE;
                }
                return p;
            }
            byte b = buf[p];
            if (b == delimiter) {
                p++;
                if (p == end && eof) {
                    addField(p, 0, false, false); // a trailing delimiter ends with an empty field
                    return p;
                }
                continue;
            }
            if (b == '\n') {
                return p + 1;
            }
            if (b == '\r') {
                if (p + 1 == end && !eof) {
                    return NEED_MORE;
                }
                return p + 1 < end && buf[p + 1] == '\n' ? p + 2 : p + 1;
            }
            // Only a quoted field can stop at another byte: its closing quote was followed by text.
            throw new CsvFormatException(line + lines, count, null,
                    new String(buf, fieldStart, Math.min(p + 1 - fieldStart, 80), StandardCharsets.UTF_8),
                    "has text after its closing quote");
        }
    }

    /** A field without quotes: up to the delimiter or line break. Returns the position of that byte. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The first position from {@code p} that may end a plain field (the delimiter, a line break),
     * eight bytes at a time (SWAR): a byte equal to {@code c} is a zero byte of {@code word ^ c*ONES},
     * and {@code (v - ONES) & ~v & HIGHS} marks zero bytes, the lowest mark always exactly. The byte
     * loop after it checks the byte it stops at, and the last bytes of the buffer.
     */
    private int skipPlain(int p) {
        long delimiters = (delimiter & 0xFFL) * ONES;
        long newlines = '\n' * ONES;
        long returns = '\r' * ONES;
        byte[] b = buf;
        while (p <= end - 8) {
            long word = (long) LONG.get(b, p);
            long x = word ^ delimiters;
            long y = word ^ newlines;
            long z = word ^ returns;
            long found = ((x - ONES) & ~x) | ((y - ONES) & ~y) | ((z - ONES) & ~z);
            found &= HIGHS;
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            p += 8;
        }
        return p;
    }

    private int plainField(int p) throws CsvFormatException {
        int from = p;
        int scratchFrom = -1;
        byte d = delimiter;
        if (escape < 0) {
            p = skipPlain(p);
        }
        while (p < end) {
            byte b = buf[p];
            if (b == d || b == '\n' || b == '\r') {
                break;
            }
            if (b == escape && escape >= 0) {
                if (p + 1 == end) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    throw new CsvFormatException(line + lines, count + 1, null, null, "ends with the escape character");
                }
                if (scratchFrom < 0) {
                    scratchFrom = scratchLength;
                }
                appendScratch(buf, from, p - from);
                appendScratch(buf, p + 1, 1);
                if (buf[p + 1] == '\n') {
                    lines++;
                }
                p += 2;
                from = p;
                continue;
            }
            p++;
        }
        if (p == end && !eof) {
            return NEED_MORE;
        }
        if (scratchFrom >= 0) {
            appendScratch(buf, from, p - from);
            addField(scratchFrom, scratchLength - scratchFrom, true, false);
        } else {
            addField(from, p - from, false, false);
        }
        return p;
    }

    /** A quoted field from just after its opening quote. Returns the position after the closing quote. */
    private int quotedField(int p) throws CsvFormatException {
        int from = p;
        int scratchFrom = -1;
        byte q = (byte) quote;
        while (true) {
            if (p >= end) {
                if (!eof) {
                    return NEED_MORE;
                }
                throw new CsvFormatException(line, count + 1, null, null, "opens a quote that is never closed");
            }
            byte b = buf[p];
            if (b == q) {
                if (p + 1 == end && !eof) {
                    return NEED_MORE;
                }
                if (p + 1 < end && buf[p + 1] == q) {
                    if (scratchFrom < 0) {
                        scratchFrom = scratchLength;
                    }
                    appendScratch(buf, from, p + 1 - from);
                    p += 2;
                    from = p;
                    continue;
                }
                if (scratchFrom >= 0) {
                    appendScratch(buf, from, p - from);
                    addField(scratchFrom, scratchLength - scratchFrom, true, true);
                } else {
                    addField(from, p - from, false, true);
                }
                return p + 1;
            }
            if (b == escape && escape >= 0) {
                if (p + 1 == end) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    throw new CsvFormatException(line, count + 1, null, null, "opens a quote that is never closed");
                }
                if (scratchFrom < 0) {
                    scratchFrom = scratchLength;
                }
                appendScratch(buf, from, p - from);
                appendScratch(buf, p + 1, 1);
                if (buf[p + 1] == '\n') {
                    lines++;
                }
                p += 2;
                from = p;
                continue;
            }
            if (b == '\n' || (b == '\r' && (p + 1 >= end || buf[p + 1] != '\n'))) {
                lines++;
            }
            p++;
        }
    }

    private void appendScratch(byte[] src, int from, int length) {
        if (scratchLength + length > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLength + length));
        }
        System.arraycopy(src, from, scratch, scratchLength, length);
        scratchLength += length;
    }

    private void addField(int offset, int length, boolean inScratch, boolean isQuoted) {
        if (count == offsets.length) {
            int n = count * 2;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            scratched = Arrays.copyOf(scratched, n);
            quoted = Arrays.copyOf(quoted, n);
        }
        offsets[count] = offset;
        lengths[count] = length;
        scratched[count] = inScratch;
        quoted[count] = isQuoted;
        count++;
    }

    /** The line the current record starts on. */
    public long line() {
        return line;
    }

    /** The number of fields of the current record. */
    public int fieldCount() {
        return count;
    }

    /** The array holding field {@code i} (valid until the next call of {@link #next()}). */
    public byte[] array(int i) {
        return scratched[i] ? scratch : buf;
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** True if field {@code i} was quoted (a quoted field is never a null token). */
    public boolean quoted(int i) {
        return quoted[i];
    }

    /** Field {@code i} as text. */
    public String text(int i) {
        return new String(array(i), offsets[i], lengths[i], StandardCharsets.UTF_8);
    }
}
