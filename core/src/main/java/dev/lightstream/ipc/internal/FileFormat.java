package dev.lightstream.ipc.internal;

import java.nio.ByteBuffer;

/** Constants of the Arrow IPC file format. */
public final class FileFormat {
    /** "ARROW1". */
    public static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    /** The magic and two bytes of padding that open a file. */
    public static final int HEADER_BYTES = 8;
    /** The int32 footer length and the magic that close a file. */
    public static final int TRAILER_BYTES = 10;
    /** Header, trailer and at least one byte of footer. */
    public static final int MIN_FILE_BYTES = HEADER_BYTES + TRAILER_BYTES + 1;

    private FileFormat() {}

    /** True when the next six bytes of {@code buffer} (from its position) are the magic. */
    public static boolean isMagic(ByteBuffer buffer) {
        if (buffer.remaining() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buffer.get(buffer.position() + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
