package dev.lightstream.memory;

/**
 * A source of 64-byte-aligned native memory with an explicit lifetime.
 *
 * <p>Each {@link #allocate} returns a {@link MemoryBlock}: a reference-counted segment whose
 * address is a multiple of 64 and whose size is padded to a multiple of 64. Releasing the last
 * reference gives the memory back to the allocator. Closing the allocator frees every block it
 * ever handed out, released or not; any later access to their segments throws
 * {@link IllegalStateException} (the {@link java.lang.foreign.Arena} rule), never a JVM crash.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create()) {
 *     MemoryBlock block = allocator.allocate(1000);   // 1024 usable bytes, 64-byte aligned
 *     block.segment().set(ValueLayout.JAVA_LONG, 0, 42L);
 *     block.release();                                 // back to the pool
 * }                                                    // everything freed here
 * }
 *
 * <p>Three kinds exist:
 * <ul>
 *   <li>{@link #create()}: pooled; released blocks are recycled by size class, so allocating
 *       per message costs no system call. A recycled block's stale segment does not throw until
 *       the allocator closes: closing an {@code Arena} shared between threads costs tens of
 *       microseconds, too much per message.</li>
 *   <li>{@link #unpooled()}: every block has its own arena, closed on release, so a segment used
 *       after its release throws at once. Slower; meant for debugging.</li>
 *   <li>{@link #leakChecking()}: unpooled, and remembers where each live block was allocated;
 *       {@link LeakCheckingAllocator#close()} fails with those places if any block is still live.
 *       Meant for tests.</li>
 * </ul>
 *
 * <p>All allocators are thread-safe: blocks may be allocated, used and released on any thread.
 */
public sealed interface BufferAllocator extends AutoCloseable
        permits PooledAllocator, LeakCheckingAllocator {

    /** A pooled allocator with no limit. */
    static BufferAllocator create() {
        return new PooledAllocator(Long.MAX_VALUE, true);
    }

    /**
     * A pooled allocator that refuses to hold more than {@code limitBytes} of live blocks.
     *
     * @throws IllegalArgumentException if {@code limitBytes} is not positive
     */
    static BufferAllocator create(long limitBytes) {
        return new PooledAllocator(limitBytes, true);
    }

    /** An allocator that frees each block on its release, so that use after release throws. */
    static BufferAllocator unpooled() {
        return new PooledAllocator(Long.MAX_VALUE, false);
    }

    /** An unpooled allocator that reports blocks still live when it is closed. */
    static LeakCheckingAllocator leakChecking() {
        return new LeakCheckingAllocator();
    }

    /**
     * Allocates a zero-filled block of at least {@code byteSize} bytes.
     *
     * @throws IllegalArgumentException if {@code byteSize} is negative
     * @throws AllocationLimitException if the block would take the allocator over its limit
     * @throws IllegalStateException if the allocator is closed
     */
    MemoryBlock allocate(long byteSize);

    /**
     * Allocates a block whose first {@code byteSize} bytes are unspecified (a recycled block keeps
     * the bytes of its previous use) and whose padding after them, up to the next multiple of 64,
     * is zero. A pooled block may be larger than that (its size class); the bytes beyond are
     * unspecified too. For callers that overwrite what they asked for at once, such as a read of a
     * message body.
     */
    MemoryBlock allocateUninitialized(long byteSize);

    /** Bytes held by live (unreleased) blocks, counting their padding. */
    long allocatedBytes();

    /** The highest value {@link #allocatedBytes()} has reached. */
    long peakBytes();

    /** The most bytes of live blocks this allocator allows, or {@link Long#MAX_VALUE}. */
    long limitBytes();

    /** True once {@link #close()} has run. */
    boolean isClosed();

    /**
     * Frees every block this allocator handed out. Idempotent. Segments of blocks freed here throw
     * {@link IllegalStateException} when used afterwards.
     */
    @Override
    void close();
}
