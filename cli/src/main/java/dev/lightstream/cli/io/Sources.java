package dev.lightstream.cli.io;

import dev.lightstream.csv.CsvReadOptions;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a {@link DataSource} of any format: the one forced ({@code --from}), else the one the
 * extension names ({@link DataFormat#byName}), else a Parquet file by its {@code PAR1} magic, else
 * Arrow IPC (file or stream by its first bytes). A server ({@code tcp://...}) is connected to by
 * {@link IpcSource#connect}.
 */
public final class Sources {
    private Sources() {}

    /**
     * Opens {@code spec}, a path or {@code -} for stdin.
     *
     * @param forced the format to read, or null to tell it
     * @param csv how a CSV input is read (its delimiter is already chosen)
     */
    public static DataSource open(String spec, DataFormat forced, BufferAllocator allocator, CsvReadOptions csv,
            Console console) throws IOException {
        DataFormat format = forced != null ? forced : DataFormat.byName(spec);
        if (format == null && !spec.equals("-") && isParquet(Path.of(spec))) {
            format = DataFormat.PARQUET;
        }
        if (format == DataFormat.CSV) {
            return CsvSource.open(spec, csv, allocator, console);
        }
        if (format == DataFormat.PARQUET) {
            return ParquetSource.open(spec, allocator, console);
        }
        // IPC: a forced format is kept; an extension only picks IPC, the content tells file or stream.
        return IpcSource.open(spec, forced == null ? null : forced.ipc(), allocator, IpcReadOptions.DEFAULT, console);
    }

    private static boolean isParquet(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(path)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // the first four bytes, or what there is
            }
            return DataFormat.isParquetMagic(head.array(), head.position());
        }
    }
}
