package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.UnionArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.LeakCheckingAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.junit.jupiter.api.Test;

/**
 * Metadata version V4 gave unions a validity bitmap; V5 and our model have none. A V4 union's
 * null slots must come out null, through the child value each selects.
 */
class V4UnionTest {
    private static final DataType.Union SPARSE = DataType.sparseUnion(
            Field.nullable("i", DataType.INT32), Field.nullable("n", DataType.INT32));
    private static final DataType.Union DENSE = DataType.denseUnion(
            Field.nullable("i", DataType.INT32), Field.of("n", DataType.INT32));

    private static byte[] schemaMessage(Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator a = BufferAllocator.create();
             ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), schema, a)) {
            writer.start();
            return out.toByteArray();
        }
    }

    private static byte[] v4Batch(int rows, long[][] nodes, long[][] buffers, byte[] body) {
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
        b.finish(Message.createMessage(b, MetadataVersion.V4, MessageHeader.RecordBatch, batch, body.length, 0));
        ByteBuffer fb = b.dataBuffer();
        int padded = (fb.remaining() + 7) & ~7;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + body.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(-1).putInt(padded).put(fb).position(8 + padded);
        out.put(body).putInt(-1).putInt(0);
        return out.array();
    }

    private static Object[] read(Schema schema, byte[] batch) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(schemaMessage(schema));
        all.writeBytes(batch);
        try (LeakCheckingAllocator allocator = BufferAllocator.leakChecking();
             ArrowStreamReader reader = new ArrowStreamReader(
                     Channels.newChannel(new java.io.ByteArrayInputStream(all.toByteArray())), allocator);
             RecordBatch read = reader.next()) {
            UnionArray union = (UnionArray) read.column(0);
            Object[] values = new Object[union.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = union.isNull(i) ? "null" : union.getObject(i);
            }
            return values;
        }
    }

    @Test
    void sparseUnionNullsMoveIntoTheSelectedChild() throws Exception {
        // 4 slots: type ids 0,1,0,1; union validity 0b1011 (slot 2 null); child i = 10,11,12,13
        // (no validity buffer), child n = 20,21,22,23 (no nulls)
        byte[] body = new byte[64 * 5];
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0b1011);
        b.put(64, (byte) 0).put(65, (byte) 1).put(66, (byte) 0).put(67, (byte) 1);
        for (int i = 0; i < 4; i++) {
            b.putInt(128 + 4 * i, 10 + i);
            b.putInt(192 + 4 * i, 20 + i);
        }
        byte[] message = v4Batch(4, new long[][] {{4, 1}, {4, 0}, {4, 0}},
                new long[][] {{0, 1}, {64, 4}, {0, 0}, {128, 16}, {0, 0}, {192, 16}}, body);
        Schema schema = Schema.of(Field.of("u", SPARSE));
        assertThat(read(schema, message)).containsExactly(10, 21, "null", 23);
    }

    @Test
    void denseUnionNullsMoveIntoTheSelectedChild() throws Exception {
        // 3 slots: ids 1,0,1 at offsets 0,0,1; validity 0b101 (slot 1 null)
        byte[] body = new byte[64 * 5];
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0b101);
        b.put(64, (byte) 1).put(65, (byte) 0).put(66, (byte) 1);
        b.putInt(128, 0).putInt(132, 0).putInt(136, 1);
        b.putInt(192, 7);
        b.putInt(256, 30).putInt(260, 31);
        byte[] message = v4Batch(3, new long[][] {{3, 1}, {1, 0}, {2, 0}},
                new long[][] {{0, 1}, {64, 3}, {128, 12}, {0, 0}, {192, 4}, {0, 0}, {256, 8}}, body);
        Schema schema = Schema.of(Field.of("u", DENSE));
        assertThat(read(schema, message)).containsExactly(30, "null", 31);
    }
}
