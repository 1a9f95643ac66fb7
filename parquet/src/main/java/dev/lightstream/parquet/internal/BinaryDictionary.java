package dev.lightstream.parquet.internal;

import java.util.Arrays;

/**
 * The dictionary of a BYTE_ARRAY column chunk: distinct byte strings in order of first appearance,
 * kept already PLAIN-encoded (4-byte length, bytes) so that the dictionary page is the buffer
 * itself, and an open-addressing table from bytes to index.
 */
final class BinaryDictionary {
    private final PageBytes entries = new PageBytes(256);
    /** Where each entry's bytes start in {@link #entries} (after its length), and their length and hash. */
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private int[] hashes = new int[64];
    private int size;
    private int[] slots = new int[128];
    private int mask = slots.length - 1;

    int size() {
        return size;
    }

    /** The PLAIN encoding of the entries, in index order. */
    PageBytes plain() {
        return entries;
    }

    byte[] bytes() {
        return entries.array();
    }

    int start(int index) {
        return starts[index];
    }

    int length(int index) {
        return lengths[index];
    }

    /** The index of the bytes {@code [from, from + length)} of {@code source}, added if new. */
    int indexOf(byte[] source, int from, int length) {
        int hash = hash(source, from, length);
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(source, from, length, hash, slot);
            }
            int e = entry - 1;
            if (hashes[e] == hash && lengths[e] == length
                    && Arrays.equals(entries.array(), starts[e], starts[e] + length, source, from, from + length)) {
                return e;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(byte[] source, int from, int length, int hash, int slot) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        entries.putInt(length);
        starts[size] = entries.size();
        entries.put(source, from, length);
        lengths[size] = length;
        hashes[size] = hash;
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
            int slot = hashes[i] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    private static int hash(byte[] bytes, int from, int length) {
        long h = length * 0x9E3779B97F4A7C15L;
        int at = from;
        int end = from + length;
        for (; at + 8 <= end; at += 8) {
            h = (h ^ PageBytes.getLong(bytes, at)) * 0xBF58476D1CE4E5B9L;
        }
        long tail = 0;
        for (int shift = 0; at < end; at++, shift += 8) {
            tail |= (bytes[at] & 0xFFL) << shift;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 31));
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0);
            size = 0;
            entries.reset();
        }
    }
}
