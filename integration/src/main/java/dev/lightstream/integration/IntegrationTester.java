package dev.lightstream.integration;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowFileWriter;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.ArrowStreamWriter;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;

/**
 * The four operations that Arrow's integration harness (archery) asks of an implementation, on
 * files: check an IPC file against a JSON case, write a JSON case as an IPC file, and convert
 * between the IPC stream and file formats. The {@code lightstream integration} command is a thin
 * shell over these.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create()) {
 *     IntegrationTester.jsonToArrow(json, arrowFile, allocator);
 *     Comparison result = IntegrationTester.validate(json, arrowFile,
 *             IntegrationComparator.withQuirks(IntegrationTester.quirksFor(json)), allocator);
 *     System.out.println(result); // "equal"
 * }
 * }
 *
 * <p>Conversions read one batch at a time and write it before reading the next. An output that
 * could not be completed is deleted, so that a failed step never leaves a plausible file behind.
 * Outputs are little-endian, metadata V5, uncompressed, whatever the input was.
 */
public final class IntegrationTester {
    private IntegrationTester() {}

    /**
     * The quirks archery grants to the gold folder a JSON file lies in (its parent directory's
     * name: {@code 0.14.1}, {@code 0.17.1}, {@code 1.0.0-bigendian}, {@code 1.0.0-littleendian}
     * get all three), and none elsewhere.
     */
    public static Set<Quirk> quirksFor(Path json) {
        Path parent = json.toAbsolutePath().normalize().getParent();
        return Quirk.forGoldFolder(parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString());
    }

    /**
     * VALIDATE: compares the IPC file (or stream, recognised by its first bytes) {@code arrow}
     * with the JSON case {@code json}.
     *
     * @throws InvalidJsonException if the JSON is malformed
     * @throws dev.lightstream.ipc.InvalidIpcException if the IPC input is malformed or unsupported
     */
    public static Comparison validate(Path json, Path arrow, IntegrationComparator comparator, BufferAllocator allocator)
            throws IOException {
        Objects.requireNonNull(comparator, "comparator");
        try (IntegrationJsonFile expected = IntegrationJsonReader.read(json, allocator);
                IpcContent actual = IpcContent.read(arrow, allocator)) {
            return comparator.compare(expected.data(), actual.data());
        }
    }

    /** JSON_TO_ARROW: writes the JSON case {@code json} as the IPC file {@code out}. */
    public static void jsonToArrow(Path json, Path out, BufferAllocator allocator) throws IOException {
        try (IntegrationJsonFile data = IntegrationJsonReader.read(json, allocator)) {
            writeOrDelete(out, () -> {
                try (ArrowFileWriter writer = new ArrowFileWriter(create(out), data.schema(), allocator)) {
                    writer.start();
                    for (RecordBatch batch : data.batches()) {
                        writer.write(batch);
                    }
                }
            });
        }
    }

    /** STREAM_TO_FILE: rewrites the IPC stream {@code stream} as the IPC file {@code out}. */
    public static void streamToFile(Path stream, Path out, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(FileChannel.open(stream, StandardOpenOption.READ),
                allocator, IpcReadOptions.DEFAULT)) {
            reader.schema();
            writeOrDelete(out, () -> {
                try (ArrowFileWriter writer = new ArrowFileWriter(create(out), reader.schema(), allocator)) {
                    writer.start();
                    for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                        try (RecordBatch batch = next) {
                            writer.write(batch);
                        }
                    }
                }
            });
        }
    }

    /** FILE_TO_STREAM: rewrites the IPC file {@code file} as the IPC stream {@code out}. */
    public static void fileToStream(Path file, Path out, BufferAllocator allocator) throws IOException {
        try (ArrowFileReader reader = new ArrowFileReader(file, allocator)) {
            writeOrDelete(out, () -> {
                try (ArrowStreamWriter writer = new ArrowStreamWriter(create(out), reader.schema(), allocator)) {
                    writer.start();
                    for (int i = 0; i < reader.batchCount(); i++) {
                        try (RecordBatch batch = reader.batch(i)) {
                            writer.write(batch);
                        }
                    }
                }
            });
        }
    }

    private static FileChannel create(Path out) throws IOException {
        return FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void writeOrDelete(Path out, Write write) throws IOException {
        boolean done = false;
        try {
            write.run();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(out);
            }
        }
    }
}
