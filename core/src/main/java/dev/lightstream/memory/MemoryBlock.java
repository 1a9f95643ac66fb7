package dev.lightstream.memory;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A reference-counted, 64-byte-aligned native memory segment handed out by a {@link BufferAllocator}.
 *
 * <p>A block starts with one reference, held by whoever allocated it. {@link #retain()} adds one,
 * {@link #release()} drops one; the last release gives the memory back to its allocator. The
 * {@linkplain #segment() segment} is padded to a multiple of 64 bytes, so its
 * {@code byteSize()} may exceed the size asked for.
 *
 * {@snippet :
 * MemoryBlock body = allocator.allocateUninitialized(bodyLength);
 * channel.read(body.segment().asByteBuffer());
 * RecordBatch batch = decode(body);   // the batch retains the block
 * body.release();                      // our own reference; the batch keeps the memory alive
 * }
 *
 * <p>A block handle that has been released for the last time throws {@link IllegalStateException}
 * from {@link #segment()}, {@link #retain()} and {@link #release()}. Pooled allocators reuse the memory
 * under a new handle, so a segment obtained before the release stays readable (with someone else's
 * bytes) until the allocator closes: keep handles, not raw segments, where that matters.
 */
public final class MemoryBlock implements AutoCloseable {
    private static final VarHandle REFS;

    static {
        try {
            REFS = MethodHandles.lookup().findVarHandle(MemoryBlock.class, "refs", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What happens to the memory when the last reference goes. */
    interface Owner {
        void free(MemoryBlock block);
    }

    private final Owner owner;
    private final MemorySegment segment;
    final Object slot;
    @SuppressWarnings("unused") // accessed through REFS
    private volatile int refs = 1;

    MemoryBlock(Owner owner, MemorySegment segment, Object slot) {
        this.owner = owner;
        this.segment = segment;
        this.slot = slot;
    }

    /**
     * The block's memory: 64-byte aligned, {@code byteSize()} a multiple of 64.
     *
     * @throws IllegalStateException if the block has been released for the last time
     */
    public MemorySegment segment() {
        if ((int) REFS.getVolatile(this) <= 0) {
            throw new IllegalStateException("memory block used after release");
        }
        return segment;
    }

    /** The usable size of the block in bytes, a multiple of 64. */
    public long byteSize() {
        return segment.byteSize();
    }

    /** The current reference count; 0 once freed. */
    public int refCount() {
        return (int) REFS.getVolatile(this);
    }

    /**
     * Adds a reference.
     *
     * @return this block
     * @throws IllegalStateException if the block has already been freed
     */
    public MemoryBlock retain() {
        int current;
        do {
            current = (int) REFS.getVolatile(this);
            if (current <= 0) {
                throw new IllegalStateException("memory block retained after release");
            }
            if (current == Integer.MAX_VALUE) {
                throw new IllegalStateException("memory block reference count overflow");
            }
        } while (!REFS.compareAndSet(this, current, current + 1));
        return this;
    }

    /**
     * Drops a reference, freeing the block when it was the last.
     *
     * @return true if this call freed the block
     * @throws IllegalStateException if the block has already been freed
     */
    public boolean release() {
        int current;
        do {
            current = (int) REFS.getVolatile(this);
            if (current <= 0) {
                throw new IllegalStateException("memory block released more times than retained");
            }
        } while (!REFS.compareAndSet(this, current, current - 1));
        if (current == 1) {
            owner.free(this);
            return true;
        }
        return false;
    }

    /** Same as {@link #release()}, so that a block can be held in try-with-resources. */
    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "MemoryBlock[address=0x" + Long.toHexString(segment.address()) + ", byteSize=" + segment.byteSize()
                + ", refs=" + refCount() + "]";
    }
}
