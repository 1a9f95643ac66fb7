package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Test comparisons of batches through {@link Array#getObject}: deep equality, byte arrays by
 * content, floats by bit pattern. A stand-in until ArrayEquality lands.
 */
public final class Batches {
    private Batches() {}

    public static void assertEqual(RecordBatch expected, RecordBatch actual, String where) {
        assertThat(actual.schema()).as(where + " schema").isEqualTo(expected.schema());
        assertSameValues(expected, actual, where);
    }

    /** Equal row counts and column values; the schemas are not compared. */
    public static void assertSameValues(RecordBatch expected, RecordBatch actual, String where) {
        assertThat(actual.rowCount()).as(where + " rows").isEqualTo(expected.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            assertEqual(expected.column(c), actual.column(c), where + " column " + c + " '" + expected.schema().field(c).name() + "'");
        }
    }

    public static void assertEqual(Array expected, Array actual, String where) {
        assertThat(actual.length()).as(where + " length").isEqualTo(expected.length());
        for (int i = 0; i < expected.length(); i++) {
            Object e = expected.getObject(i);
            Object a = actual.getObject(i);
            if (!deepEquals(e, a)) {
                fail(where + " row " + i + ": expected " + show(e) + " but was " + show(a));
            }
        }
    }

    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> p = i.next();
                Map.Entry<?, ?> q = j.next();
                if (!deepEquals(p.getKey(), q.getKey()) || !deepEquals(p.getValue(), q.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b); // Float/Double equals compare bit patterns
    }

    static String show(Object o) {
        if (o instanceof byte[] b) {
            return java.util.HexFormat.of().formatHex(b);
        }
        return String.valueOf(o);
    }
}
