package dev.lightstream.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The standard allocator: every block lives in an {@link Arena} of its own, and released blocks
 * are kept per size class for reuse, up to a retained-bytes cap.
 *
 * <p>Why one arena per block: the only way to return memory to the system under
 * {@code java.lang.foreign} is to close an arena, and only a shared arena may be used from several
 * threads. Closing a shared arena costs tens of microseconds (a handshake with every thread), so
 * the pool closes one only when it trims, and on {@link #close()}.
 */
final class PooledAllocator implements BufferAllocator, MemoryBlock.Owner {
    /** Released blocks kept for reuse, in bytes, before the pool starts freeing them. */
    static final long DEFAULT_RETAINED_BYTES = 256L << 20;

    private final long limit;
    private final boolean pooling;
    private final long maxRetained;
    private final AtomicLong allocated = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong retained = new AtomicLong();
    private final Set<Arena> arenas = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Chunk>[] free;
    private final ReentrantLock[] locks;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    PooledAllocator(long limit, boolean pooling) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limitBytes=" + limit + " must be positive");
        }
        this.limit = limit;
        this.pooling = pooling;
        this.maxRetained = Math.min(DEFAULT_RETAINED_BYTES, limit);
        this.free = new ArrayDeque[SizeClasses.COUNT];
        this.locks = new ReentrantLock[SizeClasses.COUNT];
        for (int i = 0; i < SizeClasses.COUNT; i++) {
            free[i] = new ArrayDeque<>();
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public MemoryBlock allocate(long byteSize) {
        return allocate(byteSize, true);
    }

    @Override
    public MemoryBlock allocateUninitialized(long byteSize) {
        return allocate(byteSize, false);
    }

    private MemoryBlock allocate(long byteSize, boolean zero) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("byteSize=" + byteSize + " is negative");
        }
        checkOpen();
        if (byteSize > limit || byteSize > Long.MAX_VALUE - Alignment.BYTES) {
            throw new AllocationLimitException(byteSize, allocated.get(), limit);
        }
        boolean pooled = pooling && byteSize <= SizeClasses.MAX_POOLED;
        int sizeClass = pooled ? SizeClasses.indexOf(byteSize) : -1;
        long size = pooled ? SizeClasses.sizeOf(sizeClass) : Alignment.pad(Math.max(byteSize, 1));
        reserve(size);
        try {
            Chunk chunk = pooled ? poll(sizeClass) : null;
            if (chunk == null) {
                Arena arena = Arena.ofShared();
                arenas.add(arena);
                if (closed) { // lost a race with close(): do not leak the new arena
                    arenas.remove(arena);
                    arena.close();
                    throw new IllegalStateException("allocator is closed");
                }
                // Arena.allocate zero-fills.
                chunk = new Chunk(arena, arena.allocate(size, Alignment.BYTES), sizeClass);
            } else if (zero) {
                chunk.segment.fill((byte) 0);
            } else if (byteSize < size) {
                // Only the 64-byte padding: zeroing up to the end of the size class (up to a
                // quarter of a large body) cost a tenth of a stream reader's time.
                long padded = Math.min(size, Alignment.pad(byteSize));
                chunk.segment.asSlice(byteSize, padded - byteSize).fill((byte) 0);
            }
            return new MemoryBlock(this, chunk.segment, chunk);
        } catch (RuntimeException | Error e) {
            allocated.addAndGet(-size);
            throw e;
        }
    }

    private Chunk poll(int sizeClass) {
        ReentrantLock lock = locks[sizeClass];
        lock.lock();
        try {
            Chunk chunk = free[sizeClass].pollLast();
            if (chunk != null) {
                retained.addAndGet(-chunk.segment.byteSize());
            }
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    private void reserve(long size) {
        long now;
        do {
            now = allocated.get();
            if (size > limit - now) {
                throw new AllocationLimitException(size, now, limit);
            }
        } while (!allocated.compareAndSet(now, now + size));
        peak.accumulateAndGet(now + size, Math::max);
    }

    @Override
    public void free(MemoryBlock block) {
        Chunk chunk = (Chunk) block.slot;
        long size = chunk.segment.byteSize();
        allocated.addAndGet(-size);
        if (chunk.sizeClass >= 0 && !closed && retained.get() + size <= maxRetained) {
            ReentrantLock lock = locks[chunk.sizeClass];
            lock.lock();
            try {
                if (!closed) {
                    free[chunk.sizeClass].addLast(chunk);
                    retained.addAndGet(size);
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
        if (arenas.remove(chunk.arena)) {
            chunk.arena.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("allocator is closed");
        }
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
        return limit;
    }

    /** Bytes of released blocks held for reuse. */
    long retainedBytes() {
        return retained.get();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < SizeClasses.COUNT; i++) {
            locks[i].lock();
            try {
                free[i].clear();
            } finally {
                locks[i].unlock();
            }
        }
        retained.set(0);
        for (Arena arena : arenas) {
            if (arenas.remove(arena)) {
                arena.close();
            }
        }
    }

    /** One arena and its single segment; {@code sizeClass} is -1 for unpooled blocks. */
    private record Chunk(Arena arena, MemorySegment segment, int sizeClass) {}
}
