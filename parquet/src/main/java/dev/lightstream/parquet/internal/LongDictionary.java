package dev.lightstream.parquet.internal;

import java.util.Arrays;

/**
 * The dictionary of a fixed-width column chunk: distinct 32- or 64-bit values (as raw bits, so
 * that -0.0 and 0.0, and NaNs of different bits, stay distinct) in order of first appearance, and
 * an open-addressing table from value to index. No boxing.
 */
final class LongDictionary {
    private long[] values = new long[64];
    private int size;
    /** Index + 1 of the entry in each slot, 0 when the slot is empty. */
    private int[] slots = new int[128];
    private int mask = slots.length - 1;

    int size() {
        return size;
    }

    long value(int index) {
        return values[index];
    }

    /** The index of {@code value}, added if new. */
    int indexOf(long value) {
        int slot = hash(value) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(value, slot);
            }
            if (values[entry - 1] == value) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(long value, int slot) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size] = value;
        slots[slot] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = hash(values[i]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    private static int hash(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0);
            size = 0;
        }
    }
}
