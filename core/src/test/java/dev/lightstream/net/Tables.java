package dev.lightstream.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.ArrayEquality;
import dev.lightstream.array.RecordBatch;
import java.util.List;

/** Value-by-value comparison of tables through {@link ArrayEquality}. */
final class Tables {
    private Tables() {}

    static void assertSameBatches(List<RecordBatch> expected, List<RecordBatch> actual, String where) {
        assertThat(actual).as(where + ": batch count").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertSameBatch(expected.get(i), actual.get(i), where + " batch " + i);
        }
    }

    static void assertSameBatch(RecordBatch expected, RecordBatch actual, String where) {
        assertThat(ArrayEquality.defaults().compare(expected, actual)).as(where).isEmpty();
    }
}
