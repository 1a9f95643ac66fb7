package dev.lightstream.ipc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.fixtures.Batches;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Concatenation of sliced columns of every golden case (every layout there is) equals their values in order. */
@Timeout(60)
class ArrayConcatTest {
    static Stream<Path> cases() {
        return Golden.uncompressedCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void concatenationKeepsValuesInOrder(Path base) throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             Golden.Content content = Golden.readStream(Golden.stream(base), allocator)) {
            for (RecordBatch batch : content.batches()) {
                for (int c = 0; c < batch.columnCount(); c++) {
                    Array column = batch.column(c);
                    int n = column.length();
                    List<Array> parts = n < 3
                            ? List.of(column, column)
                            : List.of(column.slice(1, n - 2), column, column.slice(n - 1, 1), column.slice(0, 0));
                    List<MemoryBlock> blocks = new ArrayList<>();
                    try {
                        ArrayData joined = ArrayConcat.concat(parts.stream().map(Array::data).toList(), allocator, blocks);
                        Array result = Array.of(joined);
                        int position = 0;
                        for (Array part : parts) {
                            for (int i = 0; i < part.length(); i++, position++) {
                                Object expected = part.getObject(i);
                                Object actual = result.getObject(position);
                                assertThat(Batches.deepEquals(expected, actual))
                                        .as("%s column %d position %d: %s vs %s", Golden.name(base), c, position, expected, actual)
                                        .isTrue();
                                assertThat(result.isNull(position)).isEqualTo(part.isNull(i));
                            }
                        }
                        assertThat(result.length()).isEqualTo(position);
                    } finally {
                        blocks.forEach(MemoryBlock::release);
                    }
                }
            }
        }
    }
}
