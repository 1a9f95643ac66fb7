package dev.lightstream.array;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A leak-checking allocator per test and an owner list for built arrays: the test fails if any
 * block is still live after the owner's blocks are released. The convenience factories
 * ({@code Int64Array.of}...) leave their memory to their allocator: tests give them {@link #scratch},
 * a plain allocator closed after each test.
 */
abstract class AllocatorFixture {
    LeakCheckingAllocator allocator;
    BufferAllocator scratch;
    List<MemoryBlock> owner;

    @BeforeEach
    void openAllocator() {
        allocator = BufferAllocator.leakChecking();
        scratch = BufferAllocator.create();
        owner = new ArrayList<>();
    }

    @AfterEach
    void closeAllocator() {
        scratch.close();
        owner.forEach(MemoryBlock::release);
        owner.clear();
        allocator.close();
    }

    /** The objects of every slot, as getObject returns them. */
    static List<Object> objects(Array array) {
        List<Object> list = new ArrayList<>(array.length());
        for (int i = 0; i < array.length(); i++) {
            list.add(array.getObject(i));
        }
        return list;
    }
}
