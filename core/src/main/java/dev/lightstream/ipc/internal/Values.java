package dev.lightstream.ipc.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.schema.DataType;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Deep equality of the Java values {@link Array#getObject} returns (byte arrays by content). */
final class Values {
    private Values() {}

    /** True if the first {@code count} values of {@code a} and {@code b} are equal, nulls included. */
    static boolean samePrefix(Array a, Array b, int count) {
        for (int i = 0; i < count; i++) {
            if (!deepEquals(a.getObject(i), b.getObject(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if every dictionary that {@code current} (a dictionary's values, say) references, at
     * any depth, is the one {@code old} references there or extends it: its first values equal
     * all of the old one's, and so on down. Then indices into the old dictionaries mean the same
     * in the new ones. {@code old} and {@code current} have the same type.
     */
    static boolean dictionariesExtend(ArrayData old, ArrayData current) {
        return dictionariesExtend(old, current, new IdentityHashMap<>());
    }

    private static boolean dictionariesExtend(ArrayData old, ArrayData current, Map<ArrayData, ArrayData> checked) {
        DataType type = DictionaryIds.unwrap(old.type());
        if (type instanceof DataType.Dictionary) {
            ArrayData before = old.dictionary();
            ArrayData after = current.dictionary();
            if (before == after || checked.get(before) == after) {
                return true;
            }
            if (after.length() < before.length()
                    || !samePrefix(Array.of(before), Array.of(after), before.length())
                    || !dictionariesExtend(before, after, checked)) {
                return false;
            }
            checked.put(before, after);
            return true;
        }
        for (int i = 0; i < old.children().size(); i++) {
            if (!dictionariesExtend(old.child(i), current.child(i), checked)) {
                return false;
            }
        }
        return true;
    }

    static boolean deepEquals(Object a, Object b) {
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
        return a.equals(b);
    }
}
