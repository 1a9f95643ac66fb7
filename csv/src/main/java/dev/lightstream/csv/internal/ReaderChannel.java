package dev.lightstream.csv.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A byte channel over a character {@link Reader}: the characters are encoded as UTF-8 as they
 * are read, so the CSV tokenizer always works on bytes. Unpaired surrogates become '?'.
 */
public final class ReaderChannel implements ReadableByteChannel {
    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private final ByteBuffer pending = ByteBuffer.allocate(8192 * 3 + 8);
    private boolean eof;
    private boolean flushed;
    private boolean open = true;

    public ReaderChannel(Reader reader) {
        this.reader = reader;
        chars.flip();
        pending.flip();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (!pending.hasRemaining()) {
            if (flushed) {
                return -1;
            }
            refill();
        }
        int n = Math.min(dst.remaining(), pending.remaining());
        ByteBuffer slice = pending.slice(pending.position(), n);
        dst.put(slice);
        pending.position(pending.position() + n);
        return n;
    }

    private void refill() throws IOException {
        chars.compact();
        if (!eof) {
            int n = reader.read(chars);
            if (n < 0) {
                eof = true;
            }
        }
        chars.flip();
        pending.clear();
        CoderResult result = encoder.encode(chars, pending, eof);
        if (result.isError()) {
            result.throwException();
        }
        if (eof && !chars.hasRemaining()) {
            encoder.flush(pending);
            flushed = true;
        }
        pending.flip();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        reader.close();
    }
}
