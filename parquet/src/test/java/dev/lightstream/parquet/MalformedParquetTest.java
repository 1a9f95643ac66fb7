package dev.lightstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * Malformed files raise typed checked exceptions ({@link InvalidParquetException}, or
 * {@link EOFException} for a file too short to hold a footer), never an unchecked one, and leak nothing.
 */
@Timeout(120)
class MalformedParquetTest {
    @TempDir
    Path dir;
    byte[] good;

    @BeforeEach
    void writeGoodFile() throws IOException {
        Path file = dir.resolve("good.parquet");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            Samples.write(file, allocator, 300, ParquetWriteOptions.defaults().withRowGroupRows(100));
        }
        good = Files.readAllBytes(file);
    }

    /** Reads every batch of {@code bytes}; returns the rows read, or throws what the reader threw. */
    private long readAll(byte[] bytes, ParquetReadOptions options) throws IOException {
        Path file = dir.resolve("bad.parquet");
        Files.write(file, bytes);
        long rows = 0;
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
                ParquetReader reader = ParquetReader.open(file, allocator, options)) {
            for (RecordBatch next = reader.next(); next != null; next = reader.next()) {
                try (RecordBatch batch = next) {
                    rows += batch.rowCount();
                }
            }
        }
        return rows;
    }

    private long readAll(byte[] bytes) throws IOException {
        return readAll(bytes, ParquetReadOptions.defaults());
    }

    @Test
    void theGoodFileReads() throws IOException {
        assertThat(readAll(good)).isEqualTo(300);
    }

    @Test
    void tooShortForAFooterIsEof() {
        for (int length : new int[] {0, 1, 4, 8, 11}) {
            byte[] bytes = java.util.Arrays.copyOf(good, length);
            assertThatThrownBy(() -> readAll(bytes)).as("length %d", length).isInstanceOf(EOFException.class);
        }
    }


    @Test
    void everyTruncationIsATypedError() throws IOException {
        // Every prefix of the footer region and a spread of prefixes of the data region.
        int footerStart = good.length - 8 - readFooterLength(good);
        IntStream lengths = IntStream.concat(IntStream.iterate(12, n -> n < footerStart, n -> n + Math.max(1, footerStart / 97)),
                IntStream.range(Math.max(12, footerStart - 2), good.length));
        for (int length : lengths.toArray()) {
            byte[] bytes = java.util.Arrays.copyOf(good, length);
            assertThatThrownBy(() -> readAll(bytes)).as("truncated to %d of %d", length, good.length)
                    .isInstanceOfAny(InvalidParquetException.class, EOFException.class);
        }
    }

    @Test
    void badMagicIsInvalid() {
        byte[] head = good.clone();
        head[0] = 'X';
        byte[] tail = good.clone();
        tail[tail.length - 1] = 'X';
        assertThatThrownBy(() -> readAll(tail)).isInstanceOf(InvalidParquetException.class)
                .hasMessageContaining("Parquet");
        // parquet-java checks only the trailing magic; the leading one is never read. Say so here.
        try {
            readAll(head);
        } catch (IOException e) {
            assertThat(e).isInstanceOf(InvalidParquetException.class);
        }
    }

    @Test
    void aForgedFooterLengthIsInvalid() {
        for (int forged : new int[] {Integer.MAX_VALUE, good.length, -1, 0, 3}) {
            byte[] bytes = good.clone();
            int at = bytes.length - 8;
            bytes[at] = (byte) forged;
            bytes[at + 1] = (byte) (forged >> 8);
            bytes[at + 2] = (byte) (forged >> 16);
            bytes[at + 3] = (byte) (forged >> 24);
            assertThatThrownBy(() -> readAll(bytes)).as("footer length %d", forged)
                    .isInstanceOfAny(InvalidParquetException.class, EOFException.class);
        }
    }

    @Test
    void garbledPagesAreInvalid() {
        byte[] bytes = good.clone();
        // The first page header of the first column chunk sits right after the leading magic.
        java.util.Arrays.fill(bytes, 4, 68, (byte) 0xFF);
        assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(InvalidParquetException.class)
                .hasMessageContaining("row group 0");
    }

    @ParameterizedTest
    @EnumSource(value = ParquetCompression.class, names = {"ZSTD", "SNAPPY", "GZIP", "LZ4_RAW"})
    void corruptCompressedDataIsInvalid(ParquetCompression compression) throws IOException {
        Path file = dir.resolve("compressed.parquet");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            Samples.write(file, allocator, 300, ParquetWriteOptions.defaults().withCompression(compression)
                    .withDictionary(false));
        }
        byte[] bytes = Files.readAllBytes(file);
        int footerStart = bytes.length - 8 - readFooterLength(bytes);
        SplittableRandom random = new SplittableRandom(compression.ordinal());
        int failures = 0;
        for (int round = 0; round < 30; round++) {
            byte[] bad = bytes.clone();
            for (int k = 0; k < 8; k++) {
                bad[4 + random.nextInt(footerStart - 4)] = (byte) random.nextInt(256);
            }
            try {
                readAll(bad);
            } catch (InvalidParquetException | EOFException e) {
                failures++;
            }
        }
        // Random damage to compressed pages is nearly always caught; it never escapes unchecked.
        assertThat(failures).isGreaterThan(10);
    }

    @Test
    void aPageLargerThanTheMaximumIsRefusedBeforeAllocation() {
        assertThatThrownBy(() -> readAll(good, ParquetReadOptions.defaults().withMaxPageBytes(16)))
                .isInstanceOf(InvalidParquetException.class).hasMessageContaining("decompressed bytes");
    }

    @Test
    void randomCorruptionNeverEscapesUnchecked() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(6);
            for (int k = 0; k < flips; k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                readAll(bad);
            } catch (InvalidParquetException | EOFException e) {
                // typed: fine
            } catch (IOException e) {
                throw new AssertionError("round " + round + ": untyped IOException", e);
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + ": unchecked exception escaped", e);
            }
        }
    }

    private static int readFooterLength(byte[] bytes) {
        int at = bytes.length - 8;
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | (bytes[at + 3] & 0xFF) << 24;
    }
}
