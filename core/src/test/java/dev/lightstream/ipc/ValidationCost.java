package dev.lightstream.ipc;

import dev.lightstream.array.ArrayValidator;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What content validation costs a reader: decodes a stream of one 65,536-row batch, and one of
 * 64 batches of 1,024 rows (int64, float64, utf8 of 0 to 16 ASCII bytes, nullable bool; 10%
 * nulls), through a {@link StreamDecoder} with {@code validateContents} on and off, and times
 * the {@link ArrayValidator} alone on the decoded batches. Prints the median of many rounds.
 *
 * <p>Not a test (no timed assertions in the suite): a program, run from the repository root after
 * {@code ./mvnw -pl core -am verify} with
 * {@snippet lang=sh :
 * M2=$HOME/.m2/repository
 * java -cp core/target/classes:core/target/test-classes:$M2/org/apache/arrow/arrow-format/19.0.0/arrow-format-19.0.0.jar:$M2/com/google/flatbuffers/flatbuffers-java/25.2.10/flatbuffers-java-25.2.10.jar \
 *     dev.lightstream.ipc.ValidationCost [rounds]
 * }
 * The numbers in the {@code ipc} package documentation come from it.
 */
public final class ValidationCost {
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64),
            Field.of("name", DataType.UTF8), Field.nullable("flag", DataType.BOOL));

    private ValidationCost() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (BufferAllocator allocator = BufferAllocator.create()) {
            measure("1 batch of 65,536 rows", allocator, 1, 65_536, rounds);
            measure("64 batches of 1,024 rows", allocator, 64, 1_024, rounds);
        }
    }

    private static void measure(String name, BufferAllocator allocator, int batches, int rows, int rounds)
            throws IOException {
        byte[] stream = stream(allocator, batches, rows);
        long[] on = new long[rounds];
        long[] off = new long[rounds];
        long[] validator = new long[rounds];
        IpcReadOptions validating = IpcReadOptions.DEFAULT;
        IpcReadOptions trusting = IpcReadOptions.DEFAULT.withValidateContents(false);
        ArrayValidator check = ArrayValidator.defaults();
        for (int warmup = 0; warmup < rounds / 2; warmup++) {
            decode(stream, allocator, validating, null);
            decode(stream, allocator, trusting, null);
        }
        for (int r = 0; r < rounds; r++) {
            // Alternate the order so that neither variant always runs on a warmer cache.
            if (r % 2 == 0) {
                on[r] = decode(stream, allocator, validating, null);
                off[r] = decode(stream, allocator, trusting, null);
            } else {
                off[r] = decode(stream, allocator, trusting, null);
                on[r] = decode(stream, allocator, validating, null);
            }
            long[] validated = {0};
            decode(stream, allocator, trusting, batch -> {
                long start = System.nanoTime();
                try {
                    check.validate(batch);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                validated[0] += System.nanoTime() - start;
            });
            validator[r] = validated[0];
        }
        long total = (long) batches * rows;
        double mb = stream.length / 1e6;
        long medianOn = median(on);
        long medianOff = median(off);
        long medianValidator = median(validator);
        System.out.printf("%s (%.1f MB): decode with validation %,d us (%.1f ns/row, %.0f MB/s), without %,d us"
                + " (%.1f ns/row, %.0f MB/s); the validator alone %,d us (%.1f ns/row), %.0f%% of the validating decode%n",
                name, mb, medianOn / 1000, (double) medianOn / total, mb / (medianOn / 1e9), medianOff / 1000,
                (double) medianOff / total, mb / (medianOff / 1e9), medianValidator / 1000,
                (double) medianValidator / total, 100.0 * medianValidator / medianOn);
    }

    private interface BatchTimer {
        void accept(RecordBatch batch);
    }

    /** Decodes the whole stream; returns the nanoseconds taken (without {@code each}'s own time). */
    private static long decode(byte[] stream, BufferAllocator allocator, IpcReadOptions options, BatchTimer each)
            throws IOException {
        long start = System.nanoTime();
        long rows = 0;
        try (StreamDecoder decoder = new StreamDecoder(allocator, options)) {
            ByteBuffer in = ByteBuffer.wrap(stream);
            IpcMessage message;
            while ((message = decoder.decode(in)) != null) {
                if (message instanceof IpcMessage.RecordBatchMessage(RecordBatch batch)) {
                    try (batch) {
                        rows += batch.rowCount();
                        if (each != null) {
                            each.accept(batch);
                        }
                    }
                }
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("nothing decoded");
        }
        return System.nanoTime() - start;
    }

    private static byte[] stream(BufferAllocator allocator, int batches, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<RecordBatch> list = new ArrayList<>();
        try (RecordBatchBuilder builder = new RecordBatchBuilder(allocator, SCHEMA)) {
            for (int b = 0; b < batches; b++) {
                Int64Array.Builder ids = builder.column(0).as(Int64Array.Builder.class);
                Float64Array.Builder xs = builder.column(1).as(Float64Array.Builder.class);
                BinaryArray.Builder names = builder.column(2).as(BinaryArray.Builder.class);
                BooleanArray.Builder flags = builder.column(3).as(BooleanArray.Builder.class);
                for (int r = 0; r < rows; r++) {
                    ids.append(random.nextLong());
                    xs.append(random.nextDouble());
                    char[] chars = new char[random.nextInt(17)];
                    Arrays.fill(chars, (char) ('a' + random.nextInt(26)));
                    names.appendObject(new String(chars));
                    if (random.nextInt(10) == 0) {
                        flags.appendNull();
                    } else {
                        flags.append(random.nextBoolean());
                    }
                }
                list.add(builder.build());
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(java.nio.channels.Channels.newChannel(out), SCHEMA,
                allocator)) {
            for (RecordBatch batch : list) {
                writer.write(batch);
            }
        } finally {
            list.forEach(RecordBatch::close);
        }
        return out.toByteArray();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
