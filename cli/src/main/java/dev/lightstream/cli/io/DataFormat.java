package dev.lightstream.cli.io;

import java.util.Locale;

/**
 * The formats {@code convert}, {@code cat} and {@code schema} read and write, and how a path names
 * one (the value of {@code --from}/{@code --to}: csv, parquet, file, stream).
 *
 * <ul>
 *   <li>{@link #CSV}: {@code .csv}, and {@code .tsv} (tab-separated).</li>
 *   <li>{@link #PARQUET}: {@code .parquet}, {@code .pq}.</li>
 *   <li>{@link #FILE} and {@link #STREAM}: the Arrow IPC formats ({@link IpcFormat}).</li>
 * </ul>
 */
public enum DataFormat {
    CSV("CSV"),
    PARQUET("Parquet"),
    FILE(IpcFormat.FILE.description()),
    STREAM(IpcFormat.STREAM.description());

    /** The bytes a Parquet file starts and ends with. */
    static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private final String description;

    DataFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The IPC format this is, or null for CSV and Parquet. */
    public IpcFormat ipc() {
        return switch (this) {
            case FILE -> IpcFormat.FILE;
            case STREAM -> IpcFormat.STREAM;
            default -> null;
        };
    }

    /** The format {@code path} names by its extension ({@code -} is an IPC stream), or null if none. */
    public static DataFormat byName(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return CSV;
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return PARQUET;
        }
        IpcFormat ipc = IpcFormat.byName(path);
        return ipc == null ? null : ipc == IpcFormat.FILE ? FILE : STREAM;
    }

    /** True for a {@code .tsv} path: CSV separated by tabs unless a delimiter is given. */
    public static boolean isTabSeparated(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".tsv");
    }

    /** True if the first bytes of {@code head} are the Parquet magic. */
    static boolean isParquetMagic(byte[] head, int length) {
        if (length < PARQUET_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < PARQUET_MAGIC.length; i++) {
            if (head[i] != PARQUET_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
