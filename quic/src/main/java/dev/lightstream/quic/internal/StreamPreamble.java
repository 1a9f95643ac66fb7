package dev.lightstream.quic.internal;

import java.nio.charset.StandardCharsets;

/**
 * The four bytes {@code LSQ1} that open every stream a client opens. A QUIC server learns of a
 * stream only when bytes arrive on it, and a client that wants to read a table has nothing else to
 * send first; the preamble also says that the peer speaks this stream format (version 1).
 *
 * <pre>
 *  0      1      2      3
 * +------+------+------+------+------------------------------+
 * | 'L'  | 'S'  | 'Q'  | '1'  | the stream's bytes ...        |
 * +------+------+------+------+------------------------------+
 * </pre>
 */
final class StreamPreamble {
    static final byte[] BYTES = "LSQ1".getBytes(StandardCharsets.US_ASCII);

    private StreamPreamble() {}
}
