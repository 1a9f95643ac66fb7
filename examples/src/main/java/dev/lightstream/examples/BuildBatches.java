package dev.lightstream.examples;

import dev.lightstream.array.ArrayValidator;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.RecordBatch;
import dev.lightstream.array.RecordBatchBuilder;
import dev.lightstream.array.StructArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.io.IOException;
import java.util.List;

/**
 * Builds a record batch with the typed builders: an int64 column, a dictionary-encoded column
 * (each distinct city stored once), a list column and a struct column; then a row from plain
 * Java values. Prints the dictionary and the rows:
 *
 * <pre>
 * dictionary: BinaryArray[utf8, length=2]{Oslo, Lima}
 * 0 Oslo [0.0] {x=0.0, y=0.0}
 * 1 Lima [0.0, 1.5] {x=1.0, y=-1.0}
 * 2 Oslo [0.0, 1.5, 3.0] {x=2.0, y=-2.0}
 * 3 null [] null
 * </pre>
 *
 * {@snippet :
 * BuildBatches.main(new String[0]);
 * }
 */
public final class BuildBatches {
    private BuildBatches() {}

    public static void main(String[] args) throws IOException {
        // readme:build-batches
        Schema schema = Schema.of(
                Field.of("id", DataType.INT64),
                Field.nullable("city", DataType.dictionary(DataType.INT8, DataType.UTF8)),
                Field.nullable("scores", DataType.list(DataType.FLOAT64)),
                Field.nullable("point", DataType.struct(
                        Field.of("x", DataType.FLOAT64), Field.of("y", DataType.FLOAT64))));
        try (BufferAllocator allocator = BufferAllocator.create();
             RecordBatchBuilder builder = new RecordBatchBuilder(allocator, schema)) {
            // Typed builders, column by column: values go straight into aligned native memory.
            Int64Array.Builder ids = builder.column("id").as(Int64Array.Builder.class);
            DictionaryArray.Builder cities = builder.column("city").as(DictionaryArray.Builder.class);
            ListArray.Builder scores = builder.column("scores").as(ListArray.Builder.class);
            Float64Array.Builder score = scores.values().as(Float64Array.Builder.class);
            StructArray.Builder points = builder.column("point").as(StructArray.Builder.class);
            for (int i = 0; i < 3; i++) {
                ids.append(i);
                cities.append(i % 2 == 0 ? "Oslo" : "Lima");   // added to the dictionary once
                scores.startList();
                for (int k = 0; k <= i; k++) {
                    score.append(k * 1.5);
                }
                scores.endList();
                points.startStruct();
                points.field("x").as(Float64Array.Builder.class).append(i);
                points.field("y").as(Float64Array.Builder.class).append(-i);
                points.endStruct();
            }
            // Or a whole row from Java values: null, List, Map.
            builder.appendRow(3L, null, List.of(), null);
            try (RecordBatch batch = builder.build()) {
                ArrayValidator.defaults().validate(batch);   // a full structural check
                DictionaryArray city = (DictionaryArray) batch.column("city");
                System.out.println("dictionary: " + city.dictionary());
                for (int row = 0; row < batch.rowCount(); row++) {
                    System.out.println(batch.column(0).getObject(row) + " " + batch.column(1).getObject(row) + " "
                            + batch.column(2).getObject(row) + " " + batch.column(3).getObject(row));
                }
            }
        }
        // end:build-batches
    }
}
