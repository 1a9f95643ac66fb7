/**
 * Native memory for Arrow buffers: {@link dev.lightstream.memory.BufferAllocator}s hand out
 * 64-byte-aligned, 64-byte-padded, reference-counted {@link dev.lightstream.memory.MemoryBlock}s
 * over {@code java.lang.foreign} segments, with explicit lifetimes and no JVM flags.
 *
 * {@snippet :
 * try (BufferAllocator allocator = BufferAllocator.create()) {
 *     MemoryBlock block = allocator.allocate(4096);
 *     MemorySegment segment = block.segment();   // aligned to 64, zero-filled
 *     block.release();
 * }                                              // everything still live is freed here
 * }
 *
 * <p>Closing an allocator frees every block it handed out; a segment used after that throws
 * {@link java.lang.IllegalStateException}, never a JVM crash. Tests use
 * {@link dev.lightstream.memory.BufferAllocator#leakChecking()}, which names the allocation site of
 * every block still live when it closes. This package imports nothing else of Lightstream.
 */
package dev.lightstream.memory;
