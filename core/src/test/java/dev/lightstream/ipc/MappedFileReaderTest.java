package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.array.Array;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.fixtures.Golden;
import dev.lightstream.memory.Alignment;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ArrowMappedFileReader}: golden files, alignment copies, use after close, bad input. */
@Timeout(60)
class MappedFileReaderTest {
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64),
            Field.nullable("name", DataType.UTF8), Field.nullable("flag", DataType.BOOL));

    @TempDir
    Path dir;

    static Stream<Path> cases() {
        return Golden.uncompressedCases();
    }

    /** Every uncompressed golden file (little- and big-endian) reads as ArrowFileReader reads it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenFilesEqualTheFileReader(Path base) throws Exception {
        Path file = Golden.file(base);
        for (boolean validate : new boolean[] {true, false}) {
            try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
                IpcReadOptions options = IpcReadOptions.DEFAULT.withValidateContents(validate);
                try (Golden.Content expected = Golden.readFile(file, allocator);
                     ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator, options)) {
                    List<RecordBatch> batches = new ArrayList<>();
                    for (int i = reader.batchCount() - 1; i >= 0; i--) { // random access: backwards
                        batches.addFirst(reader.batch(i));
                    }
                    try (Golden.Content actual = new Golden.Content(reader.schema(), batches)) {
                        Golden.assertEqual(expected, actual, Golden.name(base) + " validate=" + validate);
                        for (RecordBatch batch : batches) {
                            readEveryValue(batch);
                        }
                    }
                    try (ArrowFileReader channelReader = new ArrowFileReader(file, allocator)) {
                        assertThat(reader.dictionaries().keySet()).isEqualTo(channelReader.dictionaries().keySet());
                    }
                }
            }
        }
    }

    @Test
    void alignedBuffersAreViewsOfTheMapping() throws Exception {
        Path file = dir.resolve("aligned.arrow");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            writeFile(file, allocator, 3, 1000);
            try (LeakCheckingAllocator copies = BufferAllocator.leakChecking();
                 ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, copies)) {
                assertThat(reader.batchCount()).isEqualTo(3);
                for (int b = 0; b < 3; b++) {
                    try (RecordBatch batch = reader.batch(b)) {
                        assertThat(batch.blocks()).as("nothing copied").isEmpty();
                        assertValues(batch, b, 1000);
                    }
                }
                assertThat(copies.totalAllocations()).isZero();
            }
        }
    }

    /**
     * A hand-made file whose record batch body starts 2 bytes past an 8-byte boundary: the int64
     * and float64 values and the utf8 offsets are copied (aligned), the bitmaps and utf8 bytes are
     * not.
     */
    @Test
    void misalignedBuffersAreCopiedAndOnlyThose() throws Exception {
        Path aligned = dir.resolve("aligned.arrow");
        Path shifted = dir.resolve("shifted.arrow");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            writeFile(aligned, allocator, 1, 777);
            Files.write(shifted, shiftFirstBody(Files.readAllBytes(aligned), 2));
            try (LeakCheckingAllocator copies = BufferAllocator.leakChecking()) {
                try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(shifted, copies);
                     RecordBatch batch = reader.batch(0)) {
                    assertValues(batch, 0, 777);
                    assertThat(batch.blocks()).as("one block for the copies").hasSize(1);
                    Int64Array ids = (Int64Array) batch.column(0);
                    BooleanArray flags = (BooleanArray) batch.column(3);
                    BinaryArray names = (BinaryArray) batch.column(2);
                    assertThat(Alignment.isAligned(ids.values(), 8)).isTrue();
                    assertThat(Alignment.isAligned(names.data().buffer(1), 4)).isTrue();
                    // Bits and bytes need no alignment: still views of the mapping, 2 bytes off.
                    assertThat(flags.data().buffer(1).address() % 8).isEqualTo(2);
                    assertThat(names.data().buffer(2).address() % 8).isEqualTo(2);
                }
                // The channel reader agrees on the hand-made file.
                try (Golden.Content expected = Golden.readFile(shifted, copies);
                     ArrowMappedFileReader reader = ArrowMappedFileReader.open(shifted, copies);
                     Golden.Content actual = new Golden.Content(reader.schema(), List.of(reader.batch(0)))) {
                    Golden.assertEqual(expected, actual, "shifted");
                }
            }
        }
    }

    @Test
    void batchesAndArraysThrowAfterClose() throws Exception {
        Path file = dir.resolve("closed.arrow");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            writeFile(file, allocator, 2, 100);
            ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator);
            RecordBatch batch = reader.batch(1);
            Int64Array ids = (Int64Array) batch.column(0);
            Float64Array xs = (Float64Array) batch.column(1);
            BinaryArray names = (BinaryArray) batch.column(2);
            assertThat(ids.get(5)).isEqualTo(1005L);
            reader.close();
            reader.close(); // idempotent
            assertThat(batch.isClosed()).isTrue();
            assertThatThrownBy(batch::rowCount).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> batch.column(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ids.get(5)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> xs.get(5)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> names.getObject(5)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> reader.batch(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(reader::schema).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(reader::batchCount).isInstanceOf(IllegalStateException.class);
            batch.close(); // still allowed
        }
    }

    @Test
    void arraysThrowWhenClosedFromAnotherThread() throws Exception {
        Path file = dir.resolve("threads.arrow");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            writeFile(file, allocator, 1, 4096);
            ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator);
            Int64Array ids = (Int64Array) reader.batch(0).column(0);
            Thread closer = Thread.ofPlatform().start(reader::close);
            closer.join();
            assertThatThrownBy(() -> ids.get(0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void badIndexIsTheCallersMistake() throws Exception {
        Path file = dir.resolve("index.arrow");
        try (BufferAllocator allocator = BufferAllocator.create()) {
            writeFile(file, allocator, 2, 10);
            try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator)) {
                assertThatThrownBy(() -> reader.batch(2)).isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> reader.batch(-1)).isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
    }

    /** Every truncation of a file, and seeded corruptions, raise IOExceptions (or read cleanly). */
    @Test
    void truncatedAndCorruptedFilesRaiseIoExceptions() throws Exception {
        Path good = dir.resolve("good.arrow");
        Path bad = dir.resolve("bad.arrow");
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking()) {
            try (BufferAllocator writing = BufferAllocator.create()) {
                writeFile(good, writing, 2, 50);
            }
            byte[] bytes = Files.readAllBytes(good);
            for (int length = 0; length < bytes.length; length += length < 64 ? 1 : 37) {
                Files.write(bad, java.util.Arrays.copyOf(bytes, length));
                int n = length;
                assertThatThrownBy(() -> readAll(bad, allocator)).as("prefix of %d bytes", n)
                        .isInstanceOf(IOException.class);
            }
            long seed = new Random().nextLong();
            Random random = new Random(seed);
            for (int round = 0; round < 300; round++) {
                byte[] copy = bytes.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                Files.write(bad, copy);
                try {
                    readAll(bad, allocator);
                } catch (IOException expected) {
                    // refused cleanly
                } catch (RuntimeException e) {
                    throw new AssertionError("seed=" + seed + " round=" + round + ": unchecked " + e, e);
                }
            }
        }
    }

    /**
     * A file of about 2.4 GB (sparse on disk): a batch of two 1.2 GB int64 columns of zeros that
     * are never written, then a small batch beyond the 2 GiB mark.
     */
    @Test
    @Timeout(120)
    void filesBeyondTwoGibibytes() throws Exception {
        Path zeros = dir.resolve("zeros.bin");
        Path file = dir.resolve("large.arrow");
        int rows = 150_000_000;
        long bytes = rows * 8L;
        try (var raf = new java.io.RandomAccessFile(zeros.toFile(), "rw")) {
            raf.setLength(bytes); // a hole: reads as zeros, costs no disk
        }
        Schema schema = Schema.of(Field.of("a", DataType.INT64), Field.of("b", DataType.INT64));
        try (BufferAllocator allocator = BufferAllocator.create();
             java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined();
             var source = java.nio.channels.FileChannel.open(zeros)) {
            var hole = source.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
            Array column = Array.of(dev.lightstream.array.ArrayData.of(DataType.INT64, rows,
                    new java.lang.foreign.MemorySegment[] {null, hole}, List.of()));
            try (SparseChannel out = new SparseChannel(java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE));
                 ArrowFileWriter writer = new ArrowFileWriter(out, schema, allocator);
                 RecordBatch big = RecordBatch.of(schema, column, column);
                 RecordBatch small = smallBatch(schema, allocator)) {
                writer.write(big);
                writer.write(small);
            }
            assertThat(Files.size(file)).isGreaterThan(2L * bytes);
            try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator)) {
                assertThat(reader.fileSize()).isGreaterThan(1L << 31);
                assertThat(reader.batchCount()).isEqualTo(2);
                try (RecordBatch last = reader.batch(1)) {
                    Int64Array a = (Int64Array) last.column(0);
                    Int64Array b = (Int64Array) last.column(1);
                    assertThat(List.of(a.get(0), a.get(1), a.get(2), b.get(0), b.get(2))).containsExactly(7L, 8L, 9L,
                            -7L, -9L);
                }
                try (RecordBatch first = reader.batch(0)) {
                    assertThat(first.rowCount()).isEqualTo(rows);
                    assertThat(((Int64Array) first.column(1)).get(rows - 1)).isZero();
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(zeros);
        }
    }

    private static RecordBatch smallBatch(Schema schema, BufferAllocator allocator) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            builder.appendRow(7L, -7L).appendRow(8L, -8L).appendRow(9L, -9L);
            return builder.build();
        }
    }

    /**
     * A channel that leaves a hole for every write of more than 1 MiB instead of writing it: only
     * for bodies known to be zeros, so that a multi-gigabyte file costs no disk and no time.
     */
    private static final class SparseChannel implements java.nio.channels.WritableByteChannel {
        private final java.nio.channels.FileChannel file;
        private long position;

        SparseChannel(java.nio.channels.FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int n = source.remaining();
            if (n > (1 << 20)) {
                source.position(source.limit());
            } else {
                while (source.hasRemaining()) {
                    file.write(source, position + (n - source.remaining()));
                }
            }
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void readAll(Path file, BufferAllocator allocator) throws IOException {
        try (ArrowMappedFileReader reader = ArrowMappedFileReader.open(file, allocator)) {
            for (int i = 0; i < reader.batchCount(); i++) {
                try (RecordBatch batch = reader.batch(i)) {
                    readEveryValue(batch);
                }
            }
        }
    }

    private static void readEveryValue(RecordBatch batch) {
        for (int c = 0; c < batch.columnCount(); c++) {
            Array column = batch.column(c);
            for (int i = 0; i < column.length(); i++) {
                column.getObject(i);
            }
        }
    }

    /** Batch b of the test file: ids b*1000+i, x = id/2, names every 7th null, flags every 5th null. */
    private static void writeFile(Path file, BufferAllocator allocator, int batches, int rows) throws IOException {
        try (ArrowFileWriter writer = new ArrowFileWriter(file, SCHEMA, allocator)) {
            for (int b = 0; b < batches; b++) {
                try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
                    for (int i = 0; i < rows; i++) {
                        long id = b * 1000L + i;
                        builder.appendRow(id, id / 2.0, i % 7 == 0 ? null : "name-" + id,
                                i % 5 == 0 ? null : (Boolean) (i % 3 == 0));
                    }
                    try (RecordBatch batch = builder.build()) {
                        writer.write(batch);
                    }
                }
            }
        }
    }

    private static void assertValues(RecordBatch batch, int b, int rows) {
        assertThat(batch.rowCount()).isEqualTo(rows);
        Int64Array ids = (Int64Array) batch.column(0);
        Float64Array xs = (Float64Array) batch.column(1);
        Array names = batch.column(2);
        Array flags = batch.column(3);
        for (int i = 0; i < rows; i++) {
            long id = b * 1000L + i;
            assertThat(ids.get(i)).isEqualTo(id);
            assertThat(xs.get(i)).isEqualTo(id / 2.0);
            assertThat(names.getObject(i)).isEqualTo(i % 7 == 0 ? null : "name-" + id);
            assertThat(flags.getObject(i)).isEqualTo(i % 5 == 0 ? null : (Boolean) (i % 3 == 0));
        }
    }

    /**
     * The file with {@code shift} bytes inserted between the metadata and the body of its first
     * record batch, and that block's metadata length grown by as much in the footer (which is
     * patched in place: a Block struct is {offset int64, metaDataLength int32, pad, bodyLength int64}).
     */
    private static byte[] shiftFirstBody(byte[] file, int shift) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int footerLength = in.getInt(file.length - 10);
        int footerStart = file.length - 10 - footerLength;
        var footer = org.apache.arrow.flatbuf.Footer.getRootAsFooter(
                ByteBuffer.wrap(file, footerStart, footerLength).slice().order(ByteOrder.LITTLE_ENDIAN));
        var block = footer.recordBatches(0);
        long offset = block.offset();
        int meta = block.metaDataLength();
        int insertAt = Math.toIntExact(offset + meta);
        // Find the struct in the footer bytes: offset then metaDataLength.
        int structAt = -1;
        for (int p = footerStart; p + 12 <= footerStart + footerLength; p += 4) {
            if (in.getLong(p) == offset && in.getInt(p + 8) == meta) {
                structAt = p;
                break;
            }
        }
        assertThat(structAt).as("block struct in the footer").isPositive();
        assertThat(footer.recordBatchesLength()).isEqualTo(1);
        byte[] out = new byte[file.length + shift];
        System.arraycopy(file, 0, out, 0, insertAt);
        System.arraycopy(file, insertAt, out, insertAt + shift, file.length - insertAt);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(structAt + shift + 8, meta + shift);
        return out;
    }
}
