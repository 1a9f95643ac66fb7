package dev.lightstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lightstream.ipc.ArrowFileReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IPC file reader on arbitrary bytes: footer, schema, dictionaries, then every batch by index
 * (the last first, so that random access is exercised, then in order) and the row counts the
 * footer's blocks declare.
 */
class IpcFileFuzzTest {
    static Stream<Arguments> seeds() {
        return Seeds.ipcFiles();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void fileReader(byte[] input) {
        Contract.readOrRefuse(allocator -> {
            try (ArrowFileReader reader = new ArrowFileReader(new BytesChannel(input), allocator, Contract.OPTIONS)) {
                reader.schema();
                reader.footerMetadata();
                reader.dictionaries().values().forEach(Contract::touch);
                int count = reader.batchCount();
                if (count > 0) {
                    reader.batchRowCount(count - 1);
                    try (var last = reader.batch(count - 1)) {
                        Contract.touch(last);
                    }
                }
                for (int i = 0; i < count; i++) {
                    try (var batch = reader.batch(i)) {
                        Contract.touch(batch);
                    }
                }
            }
        });
    }
}
