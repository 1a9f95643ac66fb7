package dev.lightstream.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.integration.IntegrationJsonFile;
import dev.lightstream.integration.IntegrationJsonReader;
import java.io.ByteArrayInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The integration JSON reader on arbitrary bytes, seeded with the golden documents (decompressed).
 * Every dictionary and batch it returns is read value by value, then released.
 */
class IntegrationJsonFuzzTest {
    static Stream<Arguments> seeds() {
        return Seeds.integrationJson();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void jsonReader(byte[] input) {
        Contract.readOrRefuse(allocator -> {
            try (IntegrationJsonFile file = IntegrationJsonReader.read(new ByteArrayInputStream(input), allocator)) {
                file.dictionaries().values().forEach(Contract::touch);
                for (RecordBatch batch : file.batches()) {
                    Contract.touch(batch);
                }
            }
        });
    }
}
