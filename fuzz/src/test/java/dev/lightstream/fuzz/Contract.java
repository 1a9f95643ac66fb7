package dev.lightstream.fuzz;

import dev.lightstream.array.Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.ipc.IpcReadOptions;
import dev.lightstream.memory.BufferAllocator;
import java.io.IOException;

/**
 * The rule every fuzz target checks: the input is read completely or refused with an
 * {@link IOException} that has a message; any other throwable escapes to Jazzer as a finding, and
 * so does memory still allocated once the reader is closed.
 *
 * {@snippet :
 * Contract.readOrRefuse(allocator -> {
 *     try (ArrowStreamReader reader = new ArrowStreamReader(channel, allocator, Contract.OPTIONS)) {
 *         Contract.drain(reader::next);
 *     }
 * });
 * }
 */
final class Contract {
    /**
     * Tighter than the defaults so that forged lengths are refused quickly instead of making the
     * fuzzer spend its time zeroing large blocks; the defaults are the same code with larger numbers.
     */
    static final IpcReadOptions OPTIONS = IpcReadOptions.DEFAULT
            .withMaxBodyBytes(16L << 20)
            .withMaxMetadataBytes(1L << 20)
            .withMaxDictionaryBytes(16L << 20);

    /** A cap on the memory one input may hold, well under the fuzzing JVM's heap and native room. */
    static final long ALLOCATOR_LIMIT = 64L << 20;

    private static BufferAllocator allocator = BufferAllocator.create(ALLOCATOR_LIMIT);

    private Contract() {}

    /** One read of untrusted input, given the allocator to use. */
    @FunctionalInterface
    interface Read {
        void run(BufferAllocator allocator) throws IOException;
    }

    /** A source of batches that returns null at the end. */
    @FunctionalInterface
    interface Batches {
        RecordBatch next() throws IOException;
    }

    /**
     * Runs {@code read}; an {@link IOException} is a refusal and passes if it explains itself. Fails
     * if memory is still allocated afterwards.
     */
    static void readOrRefuse(Read read) {
        try {
            read.run(allocator);
        } catch (IOException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", refused);
            }
        }
        long left = allocator.allocatedBytes();
        if (left != 0) {
            // A fresh allocator, so that one leak does not fail every later seed as well.
            allocator.close();
            allocator = BufferAllocator.create(ALLOCATOR_LIMIT);
            throw new AssertionError(left + " bytes still allocated after the reader closed");
        }
    }

    /** Reads every batch, touching every value, closing each. */
    static int drain(Batches batches) throws IOException {
        int count = 0;
        for (RecordBatch next = batches.next(); next != null; next = batches.next()) {
            try (RecordBatch batch = next) {
                touch(batch);
                count++;
            }
        }
        return count;
    }

    /**
     * Reads every value and validity bit of a batch: after validation nothing here may throw, so
     * an exception from here is a gap in validation.
     */
    static void touch(RecordBatch batch) {
        for (Array column : batch.columns()) {
            touch(column);
        }
    }

    static void touch(Array array) {
        for (int i = 0; i < array.length(); i++) {
            array.isNull(i);
            array.getObject(i);
        }
    }
}
