package dev.lightstream.array;

import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dictionary behind one or more {@link DictionaryArray.Builder}s: either a builder of values
 * that dedups what it is given, or a fixed dictionary array supplied by the caller.
 *
 * <p>Shared by every builder of fields with one dictionary id. Each of those builders builds once
 * per round (a record batch): the first build makes the dictionary array, the others get the same
 * one, and the last of the round starts a new, empty dictionary.
 */
final class DictionaryValues {
    private final DataType valueType;
    private final ArrayBuilder values;
    private final ArrayData fixed;
    private final Map<Object, Integer> indexByKey = new HashMap<>();
    private boolean fixedIndexed;
    private int fillerIndex = -1;
    private int sharers = 1;
    private int open = 1;
    private int builtThisRound;
    private ArrayData built;

    /** A growing, deduplicating dictionary. */
    DictionaryValues(ArrayBuilder values) {
        this.valueType = values.type();
        this.values = values;
        this.fixed = null;
    }

    /** A fixed dictionary, owned by the caller. */
    DictionaryValues(ArrayData fixed) {
        this.valueType = fixed.type();
        this.values = null;
        this.fixed = fixed;
    }

    DataType valueType() {
        return valueType;
    }

    /** One more builder uses this dictionary. */
    void attach() {
        sharers++;
        open++;
    }

    /** The number of values in the dictionary. */
    int length() {
        return values != null ? values.length() : fixed.length();
    }

    boolean isFixed() {
        return values == null;
    }

    /**
     * The index of {@code value}, adding it when absent.
     *
     * @throws IllegalStateException if it would take the dictionary over {@code maxEntries}
     * @throws IllegalArgumentException if the value is absent from a fixed dictionary or does not fit the type
     */
    int indexOf(Object value, long maxEntries) {
        Object key = ValueKey.of(value);
        if (values == null) {
            indexFixed();
            Integer index = indexByKey.get(key);
            if (index == null) {
                throw new IllegalArgumentException("value " + value + " is not in the fixed dictionary");
            }
            return index;
        }
        Integer index = indexByKey.get(key);
        if (index != null) {
            return index;
        }
        int next = checkRoom(maxEntries);
        values.appendObject(value);
        indexByKey.put(key, next);
        return next;
    }

    /** The index of a valid placeholder value, added once per dictionary. */
    int fillerIndex(long maxEntries) {
        if (values == null) {
            if (fixed.length() == 0) {
                throw new IllegalStateException("an empty fixed dictionary has no value to fill with");
            }
            return 0;
        }
        if (fillerIndex < 0) {
            fillerIndex = checkRoom(maxEntries);
            values.appendFiller();
        }
        return fillerIndex;
    }

    private int checkRoom(long maxEntries) {
        int next = values.length();
        if (next >= maxEntries) {
            throw new IllegalStateException("dictionary of " + valueType + " is full: " + next
                    + " values is the most its index type can address");
        }
        return next;
    }

    private void indexFixed() {
        if (fixedIndexed) {
            return;
        }
        Array dictionary = Array.of(fixed);
        for (int i = 0; i < dictionary.length(); i++) {
            indexByKey.putIfAbsent(ValueKey.of(dictionary.getObject(i)), i);
        }
        fixedIndexed = true;
    }

    boolean accepts(Object value) {
        if (values != null) {
            return values.accepts(value);
        }
        indexFixed();
        return indexByKey.containsKey(ValueKey.of(value));
    }

    void checkComplete() {
        if (values != null) {
            values.checkComplete();
        }
    }

    /** The dictionary for this round's arrays; the first call of a round builds it into {@code owner}. */
    ArrayData build(List<MemoryBlock> owner) {
        if (built == null) {
            if (values != null) {
                values.checkOpen();
                built = values.take(owner);
                indexByKey.clear();
                fillerIndex = -1;
            } else {
                built = fixed;
            }
        }
        ArrayData result = built;
        if (++builtThisRound >= sharers) {
            built = null;
            builtThisRound = 0;
        }
        return result;
    }

    /** One builder is done with this dictionary; the last one releases the values. */
    void detach() {
        if (--open == 0 && values != null) {
            values.close();
        }
    }
}
