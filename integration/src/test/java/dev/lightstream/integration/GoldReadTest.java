package dev.lightstream.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every gold JSON file reads without error, frees all its memory on close. */
@Timeout(60)
class GoldReadTest {

    static List<Path> goldFiles() {
        return GoldFiles.all();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("goldFiles")
    void readsEveryGoldFileAndFreesIt(Path file) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (IntegrationJsonFile json = IntegrationJsonReader.read(file, allocator)) {
                assertThat(json.schema().size()).isPositive();
                for (RecordBatch batch : json.batches()) {
                    assertThat(batch.columnCount()).isEqualTo(json.schema().size());
                    batch.columns().forEach(c -> {
                        for (int i = 0; i < c.length(); i++) {
                            c.getObject(i); // every slot is reachable through the typed arrays
                        }
                    });
                }
                if (!json.batches().isEmpty() || !json.dictionaries().isEmpty()) {
                    assertThat(allocator.allocatedBytes()).isPositive();
                }
            }
            allocator.assertNoLeaks();
        }
    }
}
