package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.testing.ArrowTestingData;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The schema and dictionary limits of IpcReadOptions, and what readers and batches do after close. */
@Timeout(30)
class LimitsAndLifecycleTest {
    private static final Path NESTED = ArrowTestingData.integration().resolve("cpp-21.0.0/generated_nested");
    private static final Path DICTIONARY = ArrowTestingData.integration().resolve("cpp-21.0.0/generated_dictionary");

    private static Exception read(Path stream, IpcReadOptions options) {
        try (BufferAllocator allocator = BufferAllocator.create()) {
            try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(stream), allocator, options)) {
                reader.schema();
                for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                    b.close();
                }
                return null;
            } catch (Exception e) {
                return e;
            } finally {
                assertThat(allocator.allocatedBytes()).as("bytes still allocated").isZero();
            }
        }
    }

    @Test
    void schemaLimits() {
        assertThat(read(Golden.stream(NESTED), IpcReadOptions.DEFAULT)).isNull();
        assertThat(read(Golden.stream(NESTED), IpcReadOptions.DEFAULT.withMaxNestingDepth(1)))
                .isInstanceOf(FrameTooLargeException.class).hasMessageContaining("nesting depth");
        assertThat(read(Golden.stream(NESTED), IpcReadOptions.DEFAULT.withMaxFieldCount(3)))
                .isInstanceOf(FrameTooLargeException.class).hasMessageContaining("field count");
    }

    @Test
    void dictionaryLimit() {
        assertThat(read(Golden.stream(DICTIONARY), IpcReadOptions.DEFAULT)).isNull();
        assertThat(read(Golden.stream(DICTIONARY), IpcReadOptions.DEFAULT.withMaxDictionaryBytes(16)))
                .isInstanceOf(FrameTooLargeException.class).hasMessageContaining("dictionary");
    }

    @Test
    void batchesOutliveTheirReaderAndRefuseUseAfterClose() throws Exception {
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            RecordBatch batch;
            ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(Golden.stream(DICTIONARY)), allocator);
            batch = reader.next();
            Object first = batch.column(0).getObject(0);
            reader.close();
            reader.close(); // idempotent
            assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(reader::dictionaries).isInstanceOf(IllegalStateException.class);
            assertThat(batch.column(0).getObject(0)).isEqualTo(first); // the batch holds its own memory
            batch.close();
            assertThatThrownBy(() -> batch.column(0)).isInstanceOf(IllegalStateException.class);

            ArrowFileReader file = new ArrowFileReader(Golden.file(DICTIONARY), allocator);
            RecordBatch fromFile = file.batch(0);
            assertThatThrownBy(() -> file.batch(file.batchCount())).isInstanceOf(IndexOutOfBoundsException.class);
            file.close();
            assertThatThrownBy(() -> file.batch(0)).isInstanceOf(IllegalStateException.class);
            assertThat(fromFile.rowCount()).isPositive();
            fromFile.close();

            StreamDecoder decoder = new StreamDecoder(allocator);
            decoder.decode(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF})); // a partial prefix
            decoder.close();
            assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0))).isInstanceOf(IllegalStateException.class);
        } // the leak-checking allocator fails here if anything was not released
    }
}
