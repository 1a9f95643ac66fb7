package dev.lightstream.benchmarks;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * Arrow Java 19's side of the stream measurements, written the way its documentation shows:
 * {@code ArrowStreamWriter} over a root, {@code ArrowStreamReader} loading each batch into its
 * root.
 */
final class Theirs {
    private Theirs() {}

    /** Writes {@code copies} copies of {@code root}'s batch as one stream; returns the bytes written. */
    static long writeStream(WritableByteChannel channel, VectorSchemaRoot root, long copies,
            CompressionUtil.CodecType codec) throws IOException {
        CompressionCodec.Factory factory = codec == CompressionUtil.CodecType.NO_COMPRESSION
                ? NoCompressionCodec.Factory.INSTANCE
                : org.apache.arrow.compression.CommonsCompressionFactory.INSTANCE;
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, channel, IpcOption.DEFAULT, factory, codec)) {
            writer.start();
            for (long i = 0; i < copies; i++) {
                writer.writeBatch();
            }
            writer.end();
            return writer.bytesWritten();
        }
    }

    /** Reads a stream to its end, summing column 0 (int64) of every batch. */
    static Moved readStream(ReadableByteChannel channel, BufferAllocator allocator, boolean compressed)
            throws IOException {
        long rows = 0;
        long sum = 0;
        try (ArrowStreamReader reader = compressed
                ? new ArrowStreamReader(channel, allocator, org.apache.arrow.compression.CommonsCompressionFactory.INSTANCE)
                : new ArrowStreamReader(channel, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                sum += sum(root);
                rows += root.getRowCount();
            }
        }
        return new Moved(rows, 0, sum);
    }

    /** The sum of column 0, a BigIntVector, of {@code root}. */
    static long sum(VectorSchemaRoot root) {
        BigIntVector ids = (BigIntVector) root.getVector(0);
        long sum = 0;
        for (int i = 0, n = root.getRowCount(); i < n; i++) {
            sum += ids.get(i);
        }
        return sum;
    }
}
