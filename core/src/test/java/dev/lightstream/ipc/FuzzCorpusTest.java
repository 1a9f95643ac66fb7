package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.testing.ArrowTestingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the ipc-fuzz corpus (inputs that crashed or hung other Arrow readers) is read
 * completely, every value included, or refused with an IOException: nothing else.
 */
@Timeout(60)
class FuzzCorpusTest {
    static Stream<Path> files() {
        List<Path> all = ArrowTestingData.files(ArrowTestingData.fuzz(), "");
        assertThat(all).hasSizeGreaterThan(100);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readCompletelyOrRefused(Path path) throws Exception {
        boolean fileFormat = path.getParent().getFileName().toString().equals("arrow-ipc-file");
        try (BufferAllocator allocator = BufferAllocator.create(256L << 20)) {
            try {
                if (fileFormat) {
                    readFile(path, allocator);
                } else {
                    readStream(path, allocator);
                }
            } catch (IOException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
            try {
                if (fileFormat) {
                    readStream(path, allocator); // a file is not a stream: must be refused cleanly too
                } else {
                    readFile(path, allocator);
                }
            } catch (IOException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
            assertThat(allocator.allocatedBytes()).as("memory still allocated").isZero();
        }
    }

    private static void readStream(Path path, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(path), allocator)) {
            reader.schema();
            for (RecordBatch batch = reader.next(); batch != null; batch = reader.next()) {
                try (RecordBatch b = batch) {
                    touch(b);
                }
            }
        }
    }

    private static void readFile(Path path, BufferAllocator allocator) throws IOException {
        try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
            for (int i = 0; i < reader.batchCount(); i++) {
                try (RecordBatch batch = reader.batch(i)) {
                    touch(batch);
                }
            }
        }
    }

    /** Reads every value: validation must have refused anything that would fail here. */
    private static void touch(RecordBatch batch) {
        for (Array column : batch.columns()) {
            for (int i = 0; i < column.length(); i++) {
                column.getObject(i);
                column.isNull(i);
            }
        }
    }
}
