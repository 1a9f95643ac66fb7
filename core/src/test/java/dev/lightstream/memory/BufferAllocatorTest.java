package dev.lightstream.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BufferAllocatorTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 63, 64, 65, 1000, 1024, 1025, 4097, 100_000, 1 << 20, (16 << 20) + 1, (64 << 20) + 1})
    void blocksAreAlignedPaddedAndZeroed(long size) {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            MemoryBlock block = allocator.allocate(size);
            MemorySegment segment = block.segment();
            assertThat(segment.address() % 64).isZero();
            assertThat(segment.byteSize() % 64).isZero();
            assertThat(segment.byteSize()).isGreaterThanOrEqualTo(Math.max(size, 1));
            assertThat(segment.byteSize()).isLessThanOrEqualTo(Math.max(64, size + size / 4 + 64));
            for (long i = 0; i < segment.byteSize(); i++) {
                assertThat(segment.get(ValueLayout.JAVA_BYTE, i)).isZero();
            }
            block.release();
            assertThat(allocator.allocatedBytes()).isZero();
        }
    }

    @Test
    void sizeClassesRoundTrip() {
        for (int i = 0; i < SizeClasses.COUNT; i++) {
            long size = SizeClasses.sizeOf(i);
            assertThat(size % 64).isZero();
            assertThat(SizeClasses.indexOf(size)).isEqualTo(i);
            if (i > 0) {
                assertThat(SizeClasses.indexOf(SizeClasses.sizeOf(i - 1) + 1)).isEqualTo(i);
            }
        }
        assertThat(SizeClasses.sizeOf(SizeClasses.COUNT - 1)).isEqualTo(SizeClasses.MAX_POOLED);
    }

    @Test
    void recycledBlocksAreZeroedAgain() {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            MemoryBlock first = allocator.allocate(100);
            first.segment().fill((byte) 7);
            first.release();
            MemoryBlock second = allocator.allocate(100);
            assertThat(second.segment().get(ValueLayout.JAVA_BYTE, 5)).isZero();
            second.release();
        }
    }

    @Test
    void uninitializedBlocksHaveZeroPadding() {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            MemoryBlock first = allocator.allocate(128);
            first.segment().fill((byte) 7);
            first.release();
            MemoryBlock second = allocator.allocateUninitialized(100);
            MemorySegment s = second.segment();
            assertThat(s.byteSize()).isEqualTo(128);
            for (long i = 100; i < 128; i++) {
                assertThat(s.get(ValueLayout.JAVA_BYTE, i)).isZero();
            }
            second.release();
        }
    }

    @Test
    void uninitializedLargeBlocksZeroOnlyTheirPadding() {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            MemoryBlock first = allocator.allocate(3000);
            long size = first.byteSize();
            first.segment().fill((byte) 7);
            first.release();
            MemoryBlock second = allocator.allocateUninitialized(2900);
            MemorySegment s = second.segment();
            assertThat(s.byteSize()).as("the same size class").isEqualTo(size);
            for (long i = 2900; i < 2944; i++) {
                assertThat(s.get(ValueLayout.JAVA_BYTE, i)).as("padding byte %d", i).isZero();
            }
            assertThat(s.get(ValueLayout.JAVA_BYTE, size - 1)).as("beyond the padding: left alone").isEqualTo((byte) 7);
            second.release();
        }
    }

    @Test
    void releasedHandleThrows() {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            MemoryBlock block = allocator.allocate(64);
            block.retain();
            assertThat(block.release()).isFalse();
            assertThat(block.release()).isTrue();
            assertThatThrownBy(block::segment).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(block::retain).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(block::release).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingTheAllocatorFreesEverythingAndUseAfterCloseThrows() {
        BufferAllocator allocator = BufferAllocator.create();
        MemorySegment live = allocator.allocate(256).segment();
        MemoryBlock pooled = allocator.allocate(256);
        MemorySegment pooledSegment = pooled.segment();
        pooled.release();
        allocator.close();
        assertThat(allocator.isClosed()).isTrue();
        assertThatThrownBy(() -> live.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pooledSegment.get(ValueLayout.JAVA_BYTE, 0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> allocator.allocate(1)).isInstanceOf(IllegalStateException.class);
        allocator.close(); // idempotent
    }

    @Test
    void unpooledAllocatorFreesOnRelease() {
        try (BufferAllocator allocator = BufferAllocator.unpooled()) {
            MemoryBlock block = allocator.allocate(64);
            MemorySegment segment = block.segment();
            block.release();
            assertThatThrownBy(() -> segment.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void limitIsEnforcedBeforeAllocating() {
        try (BufferAllocator allocator = BufferAllocator.create(1024)) {
            MemoryBlock block = allocator.allocate(1000);
            assertThatThrownBy(() -> allocator.allocate(64))
                    .isInstanceOf(AllocationLimitException.class)
                    .hasMessageContaining("limit=1024");
            block.release();
            allocator.allocate(1024).release();
            assertThat(allocator.peakBytes()).isEqualTo(1024);
            assertThatThrownBy(() -> allocator.allocate(Long.MAX_VALUE)).isInstanceOf(AllocationLimitException.class);
        }
    }

    @Test
    void negativeSizeIsRefused() {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            assertThatThrownBy(() -> allocator.allocate(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void leakCheckingAllocatorReportsLiveBlocks() {
        LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
        allocator.allocate(10).release();
        MemoryBlock leaked = allocator.allocate(20);
        MemorySegment segment = leaked.segment();
        assertThatThrownBy(allocator::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 memory block(s) leaked");
        assertThatThrownBy(() -> segment.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentAllocationAndReleaseKeepAccountsStraight() throws Exception {
        try (BufferAllocator allocator = BufferAllocator.create();
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        MemoryBlock block = allocator.allocate(64L * ((i * 31 + seed) % 100 + 1));
                        block.segment().set(ValueLayout.JAVA_INT, 0, i);
                        assertThat(block.segment().get(ValueLayout.JAVA_INT, 0)).isEqualTo(i);
                        block.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(allocator.allocatedBytes()).isZero();
        }
    }
}
