package dev.lightstream.cli.io;

import java.util.Locale;

/**
 * The two Arrow IPC formats the command reads and writes, and how a path names one.
 *
 * <ul>
 *   <li>{@link #FILE}: {@code .arrow}, {@code .arrow_file}, {@code .feather} (Feather V2 is the
 *       IPC file format): random access through a footer.</li>
 *   <li>{@link #STREAM}: {@code .arrows}, {@code .stream}, and {@code -} (stdin or stdout).</li>
 * </ul>
 */
public enum IpcFormat {
    FILE("Arrow IPC file"),
    STREAM("Arrow IPC stream");

    /** The bytes an IPC file starts and ends with. */
    static final byte[] MAGIC = {'A', 'R', 'R', 'O', 'W', '1'};
    /** The magic and its two bytes of padding, before the stream a file embeds. */
    static final int FILE_HEADER_BYTES = 8;

    private final String description;

    IpcFormat(String description) {
        this.description = description;
    }

    /** "Arrow IPC file" or "Arrow IPC stream". */
    public String description() {
        return description;
    }

    /** The format {@code path} names by its extension ({@code -} is a stream), or null if none. */
    public static IpcFormat byName(String path) {
        if (path.equals("-")) {
            return STREAM;
        }
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".arrow") || name.endsWith(".arrow_file") || name.endsWith(".feather")) {
            return FILE;
        }
        if (name.endsWith(".arrows") || name.endsWith(".stream")) {
            return STREAM;
        }
        return null;
    }

    /** True if the first bytes of {@code head} (at least 6) are the file magic. */
    static boolean isFileMagic(byte[] head, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
