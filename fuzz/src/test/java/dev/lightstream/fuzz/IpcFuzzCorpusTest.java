package dev.lightstream.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.CorruptFrameException;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.ipc.ArrowFileReader;
import dev.lightstream.ipc.ArrowMappedFileReader;
import dev.lightstream.ipc.ArrowStreamReader;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.ipc.SegmentStreamReader;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.testing.ArrowTestingData;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the ipc-fuzz corpus (138 inputs that crashed or hung Arrow C++) through every
 * reader: the stream reader, the in-memory stream reader, the file reader and the mapped reader,
 * whatever folder the file comes from. Each read either completes, every value touched, or is
 * refused with a typed {@link IOException} ({@link EOFException}, {@link CorruptFrameException}
 * and its {@link InvalidIpcException}, {@link FrameTooLargeException}); nothing else may escape.
 * Each read has its own leak-checking allocator, which fails on close if a block is still live.
 *
 * <p>This class runs in a JVM of its own with {@code -Xmx128m} (the {@code small-heap} Surefire
 * execution of this module's POM), so that a reader that allocates what a forged length asks for
 * fails with an {@link OutOfMemoryError} here rather than passing on a large heap. It lives in this
 * module because the compression codecs are on its class path: two files of the corpus are valid
 * ZSTD-compressed files, read completely here (core alone refuses them as unsupported).
 */
@Timeout(60)
class IpcFuzzCorpusTest {
    /** The readers tried on every file. */
    enum Reader { STREAM, SEGMENT, FILE, MAPPED }

    /** How each file fared with each reader, printed once at the end. */
    private static final Map<Path, Map<Reader, String>> OUTCOMES = new ConcurrentHashMap<>();

    /**
     * The corpus files that are valid Arrow files (compressed with ZSTD: they once crashed a
     * decompressor). Every other file is malformed and refused by every reader.
     */
    private static final java.util.Set<String> VALID = java.util.Set.of(
            "clusterfuzz-testcase-minimized-arrow-ipc-file-fuzz-6088759971217408",
            "clusterfuzz-testcase-minimized-arrow-ipc-file-fuzz-6295340960776192");

    static Stream<Path> files() {
        return ArrowTestingData.files(ArrowTestingData.fuzz(), "").stream();
    }

    @Test
    void theCorpusIsThere() {
        assertThat(files().map(p -> p.getParent().getFileName().toString()).distinct())
                .containsExactlyInAnyOrder("arrow-ipc-stream", "arrow-ipc-file", "arrow-ipc-tensor-stream",
                        "forward-compatibility");
        assertThat(files()).hasSize(138);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @Timeout(20)
    void readCompletelyOrRefusedByEveryReader(Path path) throws Exception {
        Map<Reader, List<List<Object>>> read = new EnumMap<>(Reader.class);
        Map<Reader, String> outcomes = new EnumMap<>(Reader.class);
        for (Reader reader : Reader.values()) {
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                try {
                    List<List<Object>> values = read(reader, path, allocator);
                    read.put(reader, values);
                    outcomes.put(reader, "read " + values.size() + " batches");
                } catch (IOException refused) {
                    assertTyped(refused, reader, path);
                    outcomes.put(reader, refused.getClass().getSimpleName());
                } catch (Throwable escaped) {
                    throw new AssertionError(reader + " let " + escaped + " escape on " + path, escaped);
                }
                assertThat(allocator.allocatedBytes()).as(reader + " left memory allocated").isZero();
            }
        }
        OUTCOMES.put(path, outcomes);
        if (VALID.contains(path.getFileName().toString())) {
            assertThat(read).as("a valid compressed file").containsOnlyKeys(Reader.FILE, Reader.MAPPED);
            assertThat(read.get(Reader.FILE)).hasSize(1).allSatisfy(columns -> assertThat(columns).isNotEmpty());
        } else {
            assertThat(read).as("malformed: refused by every reader").isEmpty();
        }
        // Two readers of the same format that both accept a file must agree on every value.
        if (read.containsKey(Reader.STREAM) && read.containsKey(Reader.SEGMENT)) {
            assertThat(read.get(Reader.SEGMENT)).as("segment vs stream reader").isEqualTo(read.get(Reader.STREAM));
        }
        if (read.containsKey(Reader.FILE) && read.containsKey(Reader.MAPPED)) {
            assertThat(read.get(Reader.MAPPED)).as("mapped vs file reader").isEqualTo(read.get(Reader.FILE));
        }
    }

    private static void assertTyped(IOException refused, Reader reader, Path path) {
        assertThat(refused.getMessage()).as(reader + " " + path).isNotBlank();
        assertThat(refused).as(reader + " refused " + path + " with an untyped IOException")
                .isInstanceOfAny(EOFException.class, CorruptFrameException.class, FrameTooLargeException.class);
    }

    /** Reads everything with one reader; returns the values of every batch, touched one by one. */
    private static List<List<Object>> read(Reader reader, Path path, BufferAllocator allocator) throws IOException {
        List<List<Object>> batches = new ArrayList<>();
        switch (reader) {
            case STREAM -> {
                try (ArrowStreamReader r = new ArrowStreamReader(Files.newByteChannel(path), allocator)) {
                    r.schema();
                    for (RecordBatch batch = r.next(); batch != null; batch = r.next()) {
                        try (RecordBatch b = batch) {
                            batches.add(touch(b));
                        }
                    }
                }
            }
            case SEGMENT -> {
                try (Arena arena = Arena.ofConfined();
                     FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                    try (SegmentStreamReader r = new SegmentStreamReader(bytes, allocator, IpcReadOptions.DEFAULT)) {
                        r.schema();
                        for (RecordBatch batch = r.next(); batch != null; batch = r.next()) {
                            try (RecordBatch b = batch) {
                                batches.add(touch(b));
                            }
                        }
                    }
                }
            }
            case FILE -> {
                try (ArrowFileReader r = new ArrowFileReader(path, allocator)) {
                    r.dictionaries().values().forEach(IpcFuzzCorpusTest::touch);
                    for (int i = 0; i < r.batchCount(); i++) {
                        try (RecordBatch batch = r.batch(i)) {
                            batches.add(touch(batch));
                        }
                    }
                }
            }
            case MAPPED -> {
                try (ArrowMappedFileReader r = ArrowMappedFileReader.open(path, allocator)) {
                    r.dictionaries().values().forEach(IpcFuzzCorpusTest::touch);
                    for (int i = 0; i < r.batchCount(); i++) {
                        try (RecordBatch batch = r.batch(i)) {
                            batches.add(touch(batch));
                        }
                    }
                }
            }
        }
        return batches;
    }

    /** Reads every value: validation must have refused anything that would fail here. */
    private static List<Object> touch(RecordBatch batch) {
        List<Object> values = new ArrayList<>();
        for (Array column : batch.columns()) {
            values.add(touch(column));
        }
        return values;
    }

    private static List<Object> touch(Array column) {
        List<Object> values = new ArrayList<>(column.length());
        for (int i = 0; i < column.length(); i++) {
            column.isNull(i);
            values.add(canonical(column.getObject(i)));
        }
        return values;
    }

    /** A value as text that compares by content: byte arrays in hex, collections element by element. */
    private static String canonical(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] bytes -> java.util.HexFormat.of().formatHex(bytes);
            case List<?> list -> list.stream().map(IpcFuzzCorpusTest::canonical).toList().toString();
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(e -> canonical(e.getKey()) + "=" + canonical(e.getValue())).toList().toString();
            default -> value.getClass().getSimpleName() + ":" + value;
        };
    }

    @AfterAll
    static void summary() {
        Map<String, Integer> counts = new TreeMap<>();
        OUTCOMES.forEach((path, byReader) -> byReader.forEach((reader, outcome) ->
                counts.merge(path.getParent().getFileName() + " " + reader + ": "
                        + (outcome.startsWith("read") ? "read" : outcome), 1, Integer::sum)));
        System.out.println("ipc-fuzz corpus, " + OUTCOMES.size() + " files:");
        counts.forEach((k, v) -> System.out.println("  " + k + " " + v));
    }
}
