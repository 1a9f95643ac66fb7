package dev.lightstream.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.DateUnit;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import dev.lightstream.schema.UnionMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every type of the model survives the trip to flatbuffers and back, with ids, metadata and names. */
class SchemaRoundTripTest {
    static Schema everything() {
        List<Field> f = new ArrayList<>();
        f.add(Field.nullable("null", DataType.NULL));
        f.add(Field.of("bool", DataType.BOOL));
        for (DataType.Int i : List.of(DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64, DataType.UINT8,
                DataType.UINT16, DataType.UINT32, DataType.UINT64)) {
            f.add(Field.nullable(i.toString(), i));
        }
        f.add(Field.nullable("f16", DataType.FLOAT16));
        f.add(Field.nullable("f32", DataType.FLOAT32));
        f.add(Field.nullable("f64", DataType.FLOAT64));
        f.add(Field.nullable("d32", DataType.decimal(9, 2, 32)));
        f.add(Field.nullable("d64", DataType.decimal(18, -3, 64)));
        f.add(Field.nullable("d128", DataType.decimal(38, 10)));
        f.add(Field.nullable("d256", DataType.decimal(76, 0, 256)));
        f.add(Field.nullable("date32", new DataType.Date(DateUnit.DAY)));
        f.add(Field.nullable("date64", new DataType.Date(DateUnit.MILLISECOND)));
        for (TimeUnit u : TimeUnit.values()) {
            f.add(Field.nullable("time " + u, DataType.time(u)));
            f.add(Field.nullable("ts " + u, DataType.timestamp(u, u == TimeUnit.SECOND ? null : "Europe/Paris")));
            f.add(Field.nullable("duration " + u, DataType.duration(u)));
        }
        for (IntervalUnit u : IntervalUnit.values()) {
            f.add(Field.nullable("interval " + u, DataType.interval(u)));
        }
        f.add(Field.nullable("binary", DataType.BINARY));
        f.add(Field.nullable("large binary", DataType.LARGE_BINARY));
        f.add(Field.nullable("utf8", DataType.UTF8));
        f.add(Field.nullable("large utf8", DataType.LARGE_UTF8));
        f.add(Field.nullable("binary view", DataType.BINARY_VIEW));
        f.add(Field.nullable("utf8 view", DataType.UTF8_VIEW));
        f.add(Field.nullable("fsb", DataType.fixedSizeBinary(7)));
        f.add(Field.nullable("list", DataType.list(DataType.INT32)));
        f.add(Field.nullable("large list", DataType.largeList(DataType.UTF8)));
        f.add(Field.nullable("list view", DataType.listView(DataType.FLOAT64)));
        f.add(Field.nullable("large list view", DataType.largeListView(DataType.BOOL)));
        f.add(Field.nullable("fsl", DataType.fixedSizeList(DataType.INT16, 3)));
        f.add(Field.nullable("struct", DataType.struct(Field.of("x", DataType.FLOAT64),
                Field.nullable("y", DataType.list(DataType.UTF8)).withMetadata(Map.of("unit", "m")))));
        f.add(Field.nullable("map sorted", DataType.map(DataType.UTF8, DataType.INT64, true)));
        f.add(Field.nullable("map odd names", new DataType.Map(Field.of("kv", DataType.struct(
                Field.of("k", DataType.INT32), Field.nullable("v", DataType.UTF8))), false)));
        f.add(Field.of("sparse", new DataType.Union(UnionMode.SPARSE,
                List.of(Field.nullable("i", DataType.INT32), Field.nullable("s", DataType.UTF8)), List.of(5, 7))));
        f.add(Field.of("dense", new DataType.Union(UnionMode.DENSE,
                List.of(Field.nullable("i", DataType.INT8), Field.nullable("n", DataType.NULL)), List.of(0, 127))));
        for (DataType.Int runEnds : List.of(DataType.INT16, DataType.INT32, DataType.INT64)) {
            f.add(Field.nullable("ree " + runEnds, DataType.runEndEncoded(runEnds, DataType.UTF8)));
        }
        f.add(Field.nullable("dict u8", DataType.dictionary(DataType.UINT8, DataType.UTF8)).withDictionaryId(3));
        f.add(Field.nullable("dict shared", DataType.dictionary(DataType.INT64, DataType.UTF8)).withDictionaryId(3));
        f.add(Field.nullable("dict ordered", new DataType.Dictionary(DataType.UINT64, DataType.FLOAT32, true))
                .withDictionaryId(9));
        // a dictionary whose values hold a dictionary: nested dictionaries
        DataType inner = DataType.dictionary(DataType.INT16, DataType.LARGE_UTF8);
        f.add(Field.nullable("dict nested", DataType.dictionary(DataType.INT32,
                new DataType.List(Field.nullable("item", inner).withDictionaryId(11)))).withDictionaryId(10));
        f.add(Field.nullable("uuid", DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), ""))
                .withMetadata(Map.of("note", "kept")));
        f.add(Field.nullable("ext dict", DataType.extension("my.enum",
                DataType.dictionary(DataType.INT8, DataType.UTF8), "{\"v\":1}")).withDictionaryId(12));
        return new Schema(f, Map.of("origin", "test", "empty", ""));
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        Schema schema = everything();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = BufferAllocator.create()) {
            try (ArrowStreamWriter writer = new ArrowStreamWriter(Channels.newChannel(out), schema, allocator)) {
                assertThat(writer.schema()).isEqualTo(schema); // every id was given
            }
            try (ArrowStreamReader reader = new ArrowStreamReader(
                    Channels.newChannel(new ByteArrayInputStream(out.toByteArray())), allocator)) {
                Schema back = reader.schema();
                for (int i = 0; i < schema.size(); i++) {
                    assertThat(back.field(i)).as(schema.field(i).name()).isEqualTo(schema.field(i));
                }
                assertThat(back).isEqualTo(schema);
                assertThat(reader.next()).isNull();
            }
        }
    }
}
