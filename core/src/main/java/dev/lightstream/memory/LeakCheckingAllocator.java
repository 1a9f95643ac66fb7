package dev.lightstream.memory;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An allocator for tests: every block has its own arena, closed as soon as the block is released
 * (so a segment used after release throws), and every live block remembers where it was allocated.
 *
 * {@snippet :
 * try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
 *     runTheCodeUnderTest(allocator);
 * } // throws IllegalStateException naming each block still live, with its allocation stack
 * }
 */
public final class LeakCheckingAllocator implements BufferAllocator, MemoryBlock.Owner {
    private final Map<MemoryBlock, Throwable> live = new ConcurrentHashMap<>();
    private final AtomicLong allocated = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean closed;

    LeakCheckingAllocator() {}

    @Override
    public MemoryBlock allocate(long byteSize) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("byteSize=" + byteSize + " is negative");
        }
        if (closed) {
            throw new IllegalStateException("allocator is closed");
        }
        long size = Alignment.pad(Math.max(byteSize, 1));
        Arena arena = Arena.ofShared();
        MemoryBlock block = new MemoryBlock(this, arena.allocate(size, Alignment.BYTES), arena);
        live.put(block, new Throwable("allocated " + byteSize + " bytes here"));
        peak.accumulateAndGet(allocated.addAndGet(size), Math::max);
        total.incrementAndGet();
        return block;
    }

    @Override
    public MemoryBlock allocateUninitialized(long byteSize) {
        return allocate(byteSize);
    }

    @Override
    public void free(MemoryBlock block) {
        if (live.remove(block) != null) {
            allocated.addAndGet(-block.byteSize());
            ((Arena) block.slot).close();
        }
    }

    /** Blocks still live, with the place each was allocated. */
    public List<Throwable> liveAllocations() {
        return new ArrayList<>(live.values());
    }

    /** How many blocks this allocator has handed out in all. */
    public long totalAllocations() {
        return total.get();
    }

    /**
     * Throws if any block is still live, without closing anything.
     *
     * @throws IllegalStateException naming the count and bytes leaked, with the allocation sites as
     *     suppressed exceptions
     */
    public void assertNoLeaks() {
        if (live.isEmpty()) {
            return;
        }
        IllegalStateException leak = new IllegalStateException(
                live.size() + " memory block(s) leaked, " + allocated.get() + " bytes");
        live.values().stream().limit(16).forEach(leak::addSuppressed);
        throw leak;
    }

    @Override
    public long allocatedBytes() {
        return allocated.get();
    }

    @Override
    public long peakBytes() {
        return peak.get();
    }

    @Override
    public long limitBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Frees every block, then reports leaks.
     *
     * @throws IllegalStateException if any block was still live
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IllegalStateException leak = null;
        try {
            assertNoLeaks();
        } catch (IllegalStateException e) {
            leak = e;
        }
        for (MemoryBlock block : List.copyOf(live.keySet())) {
            free(block);
        }
        if (leak != null) {
            throw leak;
        }
    }
}
