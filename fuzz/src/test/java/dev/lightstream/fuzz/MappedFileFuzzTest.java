package dev.lightstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lightstream.ipc.ArrowMappedFileReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memory-mapped file reader on arbitrary bytes, written to a file first (on {@code /dev/shm}
 * where there is one, so that the mapping costs no disk). Every batch and dictionary is read,
 * then the reader is closed with a batch still open, which must leave it unusable but not crash.
 */
class MappedFileFuzzTest {
    private static final Path FILE = tempFile();

    static Stream<Arguments> seeds() {
        return Seeds.ipcFiles();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void mappedReader(byte[] input) throws IOException {
        Files.write(FILE, input);
        Contract.readOrRefuse(allocator -> {
            try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(FILE, allocator, Contract.OPTIONS)) {
                reader.schema();
                reader.dictionaries().values().forEach(Contract::touch);
                for (int i = 0; i < reader.batchCount(); i++) {
                    try (var batch = reader.batch(i)) {
                        Contract.touch(batch);
                    }
                }
                if (reader.batchCount() > 0) {
                    reader.batch(0); // left open: closing the reader must release it
                }
            }
        });
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(FILE);
    }

    private static Path tempFile() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempFile(shm, "lightstream-fuzz", ".arrow")
                    : Files.createTempFile("lightstream-fuzz", ".arrow");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
