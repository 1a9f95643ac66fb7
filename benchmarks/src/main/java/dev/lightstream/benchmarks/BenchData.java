package dev.lightstream.benchmarks;

import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The data every stream and file measurement moves, identical for every side: {@code id} int64,
 * {@code x} float64, {@code name} utf8 of 8 to 24 ASCII letters, {@code flag} a nullable bool
 * (about one in ten null). Values come from a seeded generator; readers sum {@code id}.
 *
 * {@snippet :
 * BenchData data = BenchData.generate(65_536, 42);
 * RecordBatch ours = data.toBatch(allocator);               // Lightstream
 * VectorSchemaRoot theirs = data.toRoot(rootAllocator);     // Arrow Java, same values
 * }
 */
public final class BenchData {
    /** The schema of the data, for Lightstream. */
    public static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64),
            Field.of("name", DataType.UTF8), Field.nullable("flag", DataType.BOOL));

    private final long[] ids;
    private final double[] xs;
    private final byte[][] names;
    private final Boolean[] flags;
    private final long idSum;

    private BenchData(long[] ids, double[] xs, byte[][] names, Boolean[] flags) {
        this.ids = ids;
        this.xs = xs;
        this.names = names;
        this.flags = flags;
        long sum = 0;
        for (long id : ids) {
            sum += id;
        }
        this.idSum = sum;
    }

    /** {@code rows} rows from {@code seed}. */
    public static BenchData generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[rows];
        double[] xs = new double[rows];
        byte[][] names = new byte[rows][];
        Boolean[] flags = new Boolean[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = random.nextLong(1L << 40);
            xs[i] = random.nextDouble() * 1000;
            byte[] name = new byte[8 + random.nextInt(17)];
            for (int j = 0; j < name.length; j++) {
                name[j] = (byte) ('a' + random.nextInt(26));
            }
            names[i] = name;
            flags[i] = random.nextInt(10) == 0 ? null : random.nextBoolean();
        }
        return new BenchData(ids, xs, names, flags);
    }

    public int rows() {
        return ids.length;
    }

    /** The sum of the {@code id} column, which every reader must arrive at (per copy read). */
    public long idSum() {
        return idSum;
    }

    /** The rows as a Lightstream batch; the caller closes it. */
    public RecordBatch toBatch(BufferAllocator allocator) {
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            for (int i = 0; i < ids.length; i++) {
                builder.appendRow(ids[i], xs[i], new String(names[i], StandardCharsets.US_ASCII), flags[i]);
            }
            return builder.build();
        }
    }

    /** The Arrow Java schema of the same data. */
    public static org.apache.arrow.vector.types.pojo.Schema arrowSchema() {
        return new org.apache.arrow.vector.types.pojo.Schema(List.of(
                new org.apache.arrow.vector.types.pojo.Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new org.apache.arrow.vector.types.pojo.Field("x",
                        FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
                new org.apache.arrow.vector.types.pojo.Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new org.apache.arrow.vector.types.pojo.Field("flag", FieldType.nullable(ArrowType.Bool.INSTANCE), null)));
    }

    /** The rows as an Arrow Java root; the caller closes it. */
    public VectorSchemaRoot toRoot(org.apache.arrow.memory.BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(), allocator);
        BigIntVector id = (BigIntVector) root.getVector(0);
        Float8Vector x = (Float8Vector) root.getVector(1);
        VarCharVector name = (VarCharVector) root.getVector(2);
        BitVector flag = (BitVector) root.getVector(3);
        root.allocateNew();
        for (int i = 0; i < ids.length; i++) {
            id.setSafe(i, ids[i]);
            x.setSafe(i, xs[i]);
            name.setSafe(i, names[i]);
            flag.setSafe(i, flags[i] == null ? 0 : 1, flags[i] != null && flags[i] ? 1 : 0);
        }
        root.setRowCount(ids.length);
        return root;
    }
}
