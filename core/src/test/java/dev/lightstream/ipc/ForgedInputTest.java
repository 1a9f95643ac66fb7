package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.lightstream.array.ArrayData;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.Array;
import dev.lightstream.codec.FrameTooLargeException;
import dev.lightstream.fixtures.TestArrays;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.testing.ArrowTestingData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged input: every lie a peer can tell in the framing, the metadata or the body is refused
 * with a typed IOException, and none makes the reader allocate by the lie (the allocator has a
 * 1 MiB limit, and the tests check how much it holds).
 */
@Timeout(30)
class ForgedInputTest {
    private static final Schema SCHEMA = Schema.of(Field.nullable("a", DataType.INT32));
    private BufferAllocator allocator;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        allocator = BufferAllocator.create(1L << 20);
    }

    @AfterEach
    void close() {
        assertThat(allocator.allocatedBytes()).as("bytes still allocated").isZero();
        allocator.close();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static byte[] schemaMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator a = BufferAllocator.create();
             ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), SCHEMA, a)) {
            writer.start();
            byte[] schemaOnly = out.toByteArray();
            writer.close();
            return schemaOnly;
        }
    }

    /** A framed message: continuation, length, the flatbuffer padded to 8, then {@code body}. */
    private static byte[] frame(ByteBuffer flatbuffer, byte[] body) {
        int length = flatbuffer.remaining();
        int padded = (length + 7) & ~7;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(-1).putInt(padded).put(flatbuffer);
        out.position(8 + padded);
        out.put(body);
        return out.array();
    }

    /** A RecordBatch message with the given nodes {length, nullCount} and buffers {offset, length}. */
    private static ByteBuffer batchMessage(long rows, long[][] nodes, long[][] buffers, long bodyLength, short version) {
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        org.apache.arrow.flatbuf.RecordBatch.startNodesVector(b, nodes.length);
        for (int i = nodes.length - 1; i >= 0; i--) {
            FieldNode.createFieldNode(b, nodes[i][0], nodes[i][1]);
        }
        int nodeVector = b.endVector();
        org.apache.arrow.flatbuf.RecordBatch.startBuffersVector(b, buffers.length);
        for (int i = buffers.length - 1; i >= 0; i--) {
            Buffer.createBuffer(b, buffers[i][0], buffers[i][1]);
        }
        int bufferVector = b.endVector();
        int batch = org.apache.arrow.flatbuf.RecordBatch.createRecordBatch(b, rows, nodeVector, bufferVector, 0, 0);
        b.finish(Message.createMessage(b, version, MessageHeader.RecordBatch, batch, bodyLength, 0));
        return b.dataBuffer();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Decodes everything; returns the exception, or null if the input decoded (batches closed). */
    private IOException decode(byte[] bytes, IpcReadOptions options) {
        try (StreamDecoder decoder = new StreamDecoder(allocator, options)) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            IpcMessage m;
            do {
                m = decoder.decode(in);
                if (m instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                    batch.close();
                }
            } while (m != null);
            decoder.finish();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private IOException decode(byte[] bytes) {
        return decode(bytes, IpcReadOptions.DEFAULT);
    }

    private static byte[] int32Body(int count) {
        ByteBuffer body = ByteBuffer.allocate(((count * 4) + 63) & ~63).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            body.putInt(i * 4, i);
        }
        return body.array();
    }

    // ---- framing ------------------------------------------------------------------------------

    @Test
    void metadataLengthOverTheMaximumIsRefusedBeforeAllocating() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F};
        IOException e = decode(bytes);
        assertThat(e).isInstanceOf(FrameTooLargeException.class).hasMessageContaining("metadata");
        assertThat(((FrameTooLargeException) e).length()).isEqualTo(0x7FFFFFF0L);
        assertThat(allocator.peakBytes()).isZero();
    }

    @Test
    void negativeMetadataLengthIsInvalid() {
        byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x00, (byte) 0x80};
        assertThat(decode(bytes)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("negative");
        byte[] legacy = {(byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThat(decode(legacy)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("-16");
    }

    @Test
    void metadataIsGrownAsItArrivesNotByTheDeclaredLength() {
        // 60 MiB declared (under the 64 MiB maximum), 100 bytes sent: truncated, nothing large allocated
        byte[] bytes = new byte[108];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(60 << 20);
        assertThat(decode(bytes)).isInstanceOf(EOFException.class).hasMessageContaining("100 of 62914560");
    }

    @Test
    void bodyLengthOverTheMaximumIsRefusedBeforeAllocating() throws IOException {
        byte[] message = frame(batchMessage(1, new long[][] {{1, 0}}, new long[][] {{0, 0}, {0, 4}}, 1L << 40,
                MetadataVersion.V5), new byte[0]);
        IOException e = decode(concat(schemaMessage(), message));
        assertThat(e).isInstanceOf(FrameTooLargeException.class).hasMessageContaining("body");
        assertThat(allocator.peakBytes()).isZero();

        byte[] small = frame(batchMessage(1, new long[][] {{1, 0}}, new long[][] {{0, 0}, {0, 4}}, 4096,
                MetadataVersion.V5), new byte[0]);
        IpcReadOptions tight = IpcReadOptions.DEFAULT.withMaxBodyBytes(1024);
        assertThat(decode(concat(schemaMessage(), small), tight)).isInstanceOf(FrameTooLargeException.class);
        assertThat(allocator.peakBytes()).isZero();
    }

    @Test
    void largeBodiesAreGrownAsBytesArrive() throws IOException {
        // 512 MiB declared, 1 KiB sent: the decoder holds at most its 64 MiB first block
        try (BufferAllocator roomy = BufferAllocator.create(100L << 20);
             StreamDecoder decoder = new StreamDecoder(roomy)) {
            byte[] message = frame(batchMessage(1, new long[][] {{1, 0}}, new long[][] {{0, 0}, {0, 4}}, 512L << 20,
                    MetadataVersion.V5), new byte[1024]);
            ByteBuffer in = ByteBuffer.wrap(concat(schemaMessage(), message));
            assertThat(decoder.decode(in)).isInstanceOf(IpcMessage.SchemaMessage.class);
            assertThat(decoder.decode(in)).isNull();
            assertThat(roomy.allocatedBytes()).isLessThanOrEqualTo(IpcReadOptions.PREALLOCATE_BYTES + 64);
            assertThat(decoder.directBuffer().remaining()).isEqualTo((int) (IpcReadOptions.PREALLOCATE_BYTES - 1024));
            assertThatThrownBy(decoder::finish).isInstanceOf(EOFException.class).hasMessageContaining("1024 of 536870912");
        }
    }

    @Test
    void negativeBodyLengthIsInvalid() throws IOException {
        byte[] message = frame(batchMessage(1, new long[][] {{1, 0}}, new long[][] {{0, 0}, {0, 4}}, -64,
                MetadataVersion.V5), new byte[0]);
        assertThat(decode(concat(schemaMessage(), message))).isInstanceOf(InvalidIpcException.class)
                .hasMessageContaining("body length -64");
    }

    @Test
    void garbageMetadataIsInvalid() {
        byte[] bytes = new byte[8 + 64];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(64).putInt(0x7FFFFFF0);
        assertThat(decode(bytes)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("message 0");
    }

    // ---- metadata -----------------------------------------------------------------------------

    @Test
    void metadataVersionsBeforeV4AndAfterV5AreUnsupported() throws IOException {
        byte[] v3 = frame(batchMessage(1, new long[][] {{1, 0}}, new long[][] {{0, 0}, {0, 64}}, 64,
                MetadataVersion.V3), int32Body(1));
        assertThat(decode(concat(schemaMessage(), v3))).isInstanceOf(UnsupportedIpcFeatureException.class)
                .hasMessageContaining("V3");
        Path v6 = ArrowTestingData.fuzz().resolve("forward-compatibility/schema_v6.arrow");
        try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(v6), allocator)) {
            assertThatThrownBy(reader::schema).isInstanceOf(UnsupportedIpcFeatureException.class)
                    .hasMessageContaining("unknown metadata version 5");
        }
    }

    @Test
    void tensorMessagesAreUnsupported() {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        b.startTable(0);
        int empty = b.endTable();
        b.finish(Message.createMessage(b, MetadataVersion.V5, MessageHeader.Tensor, empty, 0, 0));
        assertThat(decode(frame(b.dataBuffer(), new byte[0]))).isInstanceOf(UnsupportedIpcFeatureException.class)
                .hasMessageContaining("Tensor");
    }

    @Test
    void batchBeforeSchemaIsInvalid() {
        byte[] message = frame(batchMessage(1, new long[][] {{1, 0}}, new long[][] {{0, 0}, {0, 4}}, 64,
                MetadataVersion.V5), int32Body(1));
        assertThat(decode(message)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("before the schema");
    }

    // ---- body ---------------------------------------------------------------------------------

    private void assertBatchRefused(long rows, long[][] nodes, long[][] buffers, long bodyLength, byte[] body,
            String expected) throws IOException {
        byte[] message = frame(batchMessage(rows, nodes, buffers, bodyLength, MetadataVersion.V5), body);
        assertThat(decode(concat(schemaMessage(), message))).isInstanceOf(InvalidIpcException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void buffersOutsideTheBodyAreInvalid() throws IOException {
        assertBatchRefused(4, new long[][] {{4, 0}}, new long[][] {{0, 0}, {64, 16}}, 64, int32Body(4),
                "buffer 1 (offset=64 length=16) is outside the body of 64 bytes");
        assertBatchRefused(4, new long[][] {{4, 0}}, new long[][] {{0, 0}, {-8, 16}}, 64, int32Body(4),
                "buffer 1 (offset=-8 length=16)");
        assertBatchRefused(4, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, -16}}, 64, int32Body(4),
                "buffer 1 (offset=0 length=-16)");
        assertBatchRefused(4, new long[][] {{4, 0}}, new long[][] {{0, 0}, {Long.MAX_VALUE - 4, 16}}, 64, int32Body(4),
                "is outside the body");
    }

    @Test
    void buffersShorterThanTheirValuesAreInvalid() throws IOException {
        assertBatchRefused(4, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, 8}}, 64, int32Body(4),
                "field 'a' buffer 1 (values) has 8 bytes, needs 16");
        assertBatchRefused(16, new long[][] {{16, 3}}, new long[][] {{0, 1}, {0, 64}}, 64, int32Body(16),
                "buffer 0 (validity) has 1 bytes for 16 values with 3 nulls, needs 2");
    }

    @Test
    void fieldNodeAndBufferCountsMustMatchTheSchema() throws IOException {
        assertBatchRefused(4, new long[][] {{4, 0}, {4, 0}}, new long[][] {{0, 0}, {0, 16}}, 64, int32Body(4),
                "2 field nodes but the schema needs 1");
        assertBatchRefused(4, new long[][] {{4, 0}}, new long[][] {{0, 16}}, 64, int32Body(4),
                "1 buffers but the schema needs 2");
    }

    @Test
    void negativeOrInconsistentLengthsAreInvalid() throws IOException {
        assertBatchRefused(4, new long[][] {{-4, 0}}, new long[][] {{0, 0}, {0, 16}}, 64, int32Body(4),
                "length=-4");
        assertBatchRefused(4, new long[][] {{4, 5}}, new long[][] {{0, 1}, {0, 16}}, 64, int32Body(4),
                "nullCount=5");
        assertBatchRefused(-1, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, 16}}, 64, int32Body(4),
                "record batch length -1");
        assertBatchRefused(3, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, 16}}, 64, int32Body(4),
                "has length 4 but the record batch has 3 rows");
        assertBatchRefused(1L << 33, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, 16}}, 64, int32Body(4),
                "record batch length 8589934592");
    }

    @Test
    void truncatedBodyIsEof() throws IOException {
        byte[] message = frame(batchMessage(4, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, 16}}, 64,
                MetadataVersion.V5), new byte[40]);
        assertThat(decode(concat(schemaMessage(), message))).isInstanceOf(EOFException.class)
                .hasMessageContaining("40 of 64 body bytes");
    }

    @Test
    void contentsAreValidated() throws IOException {
        // utf8 with offsets that go backwards, and offsets past the data
        Schema utf8 = Schema.of(Field.nullable("s", DataType.UTF8));
        List<MemoryBlock> blocks = new ArrayList<>();
        try (BufferAllocator a = BufferAllocator.create()) {
            ArrayData strings = TestArrays.utf8(a, blocks, "ab", "cd", "ef");
            byte[] good = write(utf8, RecordBatch.of(utf8, Array.of(strings)), a);
            blocks.forEach(MemoryBlock::release);
            assertThat(decode(good)).isNull();
            // The offsets buffer is the first 64 bytes of the body; patch offset 2 to go backwards.
            byte[] backwards = good.clone();
            int body = bodyStart(backwards, 1);
            ByteBuffer.wrap(backwards).order(ByteOrder.LITTLE_ENDIAN).putInt(body + 8, 1);
            assertThat(decode(backwards)).isInstanceOf(InvalidIpcException.class)
                    .hasMessageContaining("message 1 (record batch): field 's': offsets decrease at slot 2: 2 then 1");
            byte[] past = good.clone();
            ByteBuffer.wrap(past).order(ByteOrder.LITTLE_ENDIAN).putInt(body + 12, 1000);
            assertThat(decode(past)).isInstanceOf(InvalidIpcException.class)
                    .hasMessageContaining("field 's': last offset 1000 is past the end of the data buffer (buffer 2) (6)");
        }
    }

    @Test
    void dictionaryIndicesAreValidated() throws IOException {
        DataType.Dictionary type = DataType.dictionary(DataType.INT32, DataType.UTF8);
        Schema schema = Schema.of(Field.nullable("d", type));
        List<MemoryBlock> blocks = new ArrayList<>();
        try (BufferAllocator a = BufferAllocator.create()) {
            ArrayData dictionary = TestArrays.utf8(a, blocks, "x", "y");
            ArrayData column = TestArrays.dictionary(type, dictionary, a, blocks, 0, 1, 1);
            byte[] good = write(schema, RecordBatch.of(schema, Array.of(column)), a);
            blocks.forEach(MemoryBlock::release);
            assertThat(decode(good)).isNull();
            byte[] bad = good.clone();
            int body = bodyStart(bad, 2); // message 2 is the record batch; its indices start the body
            ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(body + 4, 7);
            assertThat(decode(bad)).isInstanceOf(InvalidIpcException.class)
                    .hasMessageContaining("field 'd': slot 1 has dictionary index 7 outside the dictionary of length 2");
        }
    }

    private static byte[] write(Schema schema, RecordBatch batch, BufferAllocator a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), schema, a)) {
            writer.write(batch);
        }
        return out.toByteArray();
    }

    /** The offset of the body of message {@code index} of a stream we wrote. */
    private static int bodyStart(byte[] stream, int index) {
        ByteBuffer b = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        for (int i = 0; ; i++) {
            int metadata = b.getInt(position + 4);
            Message m = Message.getRootAsMessage(b.slice(position + 8, metadata).order(ByteOrder.LITTLE_ENDIAN));
            int body = position + 8 + metadata;
            if (i == index) {
                return body;
            }
            position = body + (int) m.bodyLength();
        }
    }

    // ---- files --------------------------------------------------------------------------------

    private Path validFile() throws IOException {
        Path path = dir.resolve("valid.arrow");
        List<MemoryBlock> blocks = new ArrayList<>();
        try (BufferAllocator a = BufferAllocator.create();
             ArrowFileWriter writer = new ArrowFileWriter(path, SCHEMA, a)) {
            writer.write(RecordBatch.of(SCHEMA, Array.of(TestArrays.int32(a, blocks, 1, null, 3))));
            writer.finish();
            blocks.forEach(MemoryBlock::release);
        }
        return path;
    }

    private IOException openFile(byte[] bytes) throws IOException {
        Path path = dir.resolve("forged.arrow");
        Files.write(path, bytes);
        try (ArrowFileReader reader = new ArrowFileReader(path, allocator)) {
            for (int i = 0; i < reader.batchCount(); i++) {
                reader.batch(i).close();
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void filesAreCheckedAtBothEnds() throws IOException {
        byte[] valid = Files.readAllBytes(validFile());
        assertThat(openFile(valid)).isNull();
        byte[] head = valid.clone();
        head[0] = 'X';
        assertThat(openFile(head)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("first 6 bytes");
        byte[] tail = valid.clone();
        tail[tail.length - 1] = 'X';
        assertThat(openFile(tail)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("does not end with ARROW1");
        assertThat(openFile(java.util.Arrays.copyOf(valid, 12))).isInstanceOf(InvalidIpcException.class)
                .hasMessageContaining("too short");
        byte[] footer = valid.clone();
        ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length - 10, 0x7FFF0000);
        assertThat(openFile(footer)).isInstanceOf(InvalidIpcException.class).hasMessageContaining("footer length");
        assertThat(openFile(java.util.Arrays.copyOf(valid, valid.length - 3))).isInstanceOf(InvalidIpcException.class);
    }

    @Test
    void fileBlocksMustLieInsideTheFile() throws IOException {
        byte[] valid = Files.readAllBytes(validFile());
        // Shift the first record batch block's offset far past the end: find it by its value.
        ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        int footerLength = b.getInt(valid.length - 10);
        int footerStart = valid.length - 10 - footerLength;
        var footer = org.apache.arrow.flatbuf.Footer.getRootAsFooter(b.slice(footerStart, footerLength).order(ByteOrder.LITTLE_ENDIAN));
        long offset = footer.recordBatches(0).offset();
        for (int i = footerStart; i < valid.length - 18; i += 8) {
            if (b.getLong(i) == offset) {
                byte[] forged = valid.clone();
                ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN).putLong(i, 1L << 40);
                assertThat(openFile(forged)).isInstanceOf(InvalidIpcException.class)
                        .hasMessageContaining("record batch block 0 (offset=1099511627776");
                return;
            }
        }
        throw new AssertionError("block offset not found in the footer");
    }

    @Test
    void compressedInputWithoutTheCodecModuleSaysWhatToAdd() throws IOException {
        Path lz4 = ArrowTestingData.integration().resolve("2.0.0-compression/generated_lz4.stream");
        try (ArrowStreamReader reader = new ArrowStreamReader(Files.newByteChannel(lz4), allocator)) {
            reader.schema();
            assertThatThrownBy(reader::next).isInstanceOf(UnsupportedIpcFeatureException.class)
                    .hasMessageContaining("LZ4_FRAME").hasMessageContaining("lightstream-compression");
        }
        try (BufferAllocator a = BufferAllocator.create()) {
            IpcWriteOptions zstd = IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD);
            List<MemoryBlock> blocks = new ArrayList<>();
            ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(new ByteArrayOutputStream()), SCHEMA, a, zstd);
            RecordBatch batch = RecordBatch.of(SCHEMA, Array.of(TestArrays.int32(a, blocks, 1, 2)));
            assertThatThrownBy(() -> writer.write(batch)).isInstanceOf(UnsupportedIpcFeatureException.class)
                    .hasMessageContaining("lightstream-compression");
            writer.close();
            blocks.forEach(MemoryBlock::release);
        }
    }

    @Test
    void legacyFramingWithoutContinuationIsRead() throws IOException {
        // Pre-0.15 streams: int32 length, no 0xFFFFFFFF marker, and a bare zero as end of stream.
        List<MemoryBlock> blocks = new ArrayList<>();
        byte[] modern;
        try (BufferAllocator a = BufferAllocator.create()) {
            modern = write(SCHEMA, RecordBatch.of(SCHEMA, Array.of(TestArrays.int32(a, blocks, 7, null, 9))), a);
            blocks.forEach(MemoryBlock::release);
        }
        ByteArrayOutputStream legacy = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.wrap(modern).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        while (true) {
            int metadata = b.getInt(position + 4);
            legacy.write(modern, position + 4, 4);
            if (metadata == 0) {
                break;
            }
            Message m = Message.getRootAsMessage(b.slice(position + 8, metadata).order(ByteOrder.LITTLE_ENDIAN));
            legacy.write(modern, position + 8, metadata + (int) m.bodyLength());
            position += 8 + metadata + (int) m.bodyLength();
        }
        try (ArrowStreamReader reader = new ArrowStreamReader(
                Channels.newChannel(new ByteArrayInputStream(legacy.toByteArray())), allocator)) {
            assertThat(reader.schema()).isEqualTo(SCHEMA);
            try (RecordBatch batch = reader.next()) {
                assertThat(batch.column(0).getObject(0)).isEqualTo(7);
                assertThat(batch.column(0).getObject(1)).isNull();
                assertThat(batch.column(0).getObject(2)).isEqualTo(9);
            }
            assertThat(reader.next()).isNull();
        }
    }
}
