package dev.lightstream.integration;

import dev.lightstream.array.ArrayData;
import dev.lightstream.memory.MemoryBlock;
import java.util.List;

/**
 * A dictionary read from the {@code dictionaries} list: its values and the native blocks that
 * hold them, its own and those of the dictionaries nested in it. Each array that uses it retains
 * every one of these blocks.
 *
 * @param id the dictionary id
 * @param data the dictionary's values
 * @param blocks the blocks {@code data} lives in; this object holds one reference to each
 */
record LoadedDictionary(long id, ArrayData data, List<MemoryBlock> blocks) {

    /** Adds a reference to every block, for a new owner, and returns the blocks. */
    List<MemoryBlock> retainAll() {
        for (MemoryBlock block : blocks) {
            block.retain();
        }
        return blocks;
    }

    void releaseAll() {
        for (MemoryBlock block : blocks) {
            block.release();
        }
    }
}
