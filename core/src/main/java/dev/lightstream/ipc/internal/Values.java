package dev.lightstream.ipc.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.ArrayEquality;
import dev.lightstream.schema.DataType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Comparisons of dictionary values for the writers: whether a batch's dictionary extends the one
 * sent before (then a delta suffices) or equals it (then nothing needs sending).
 */
final class Values {
    private Values() {}

    /**
     * True if the first {@code count} values of {@code a} and {@code b} are equal, nulls included,
     * as {@link ArrayEquality#defaults()} compares them: slot by slot, struct fields by position
     * (not through {@link Array#getObject}, whose maps lose fields with a repeated name).
     */
    static boolean samePrefix(Array a, Array b, int count) {
        return ArrayEquality.defaults().compare(a.slice(0, count), b.slice(0, count)).isEmpty();
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
}
