package dev.lightstream.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.TimeUnit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A schema as a tree: types, nullability, dictionaries, metadata, children. */
class SchemaTextTest {

    @Test
    void printsEveryFieldWithItsChildrenAndMetadata() {
        Schema schema = Schema.of(
                Field.of("id", DataType.INT64),
                Field.nullable("name", DataType.UTF8).withMetadata(Map.of("comment", "display\nname")),
                Field.nullable("tags", DataType.list(DataType.UTF8)),
                Field.nullable("city", DataType.dictionary(DataType.INT16, DataType.UTF8)).withDictionaryId(3),
                Field.nullable("when", DataType.timestamp(TimeUnit.MICROSECOND, "UTC")),
                Field.nullable("point", DataType.struct(Field.of("x", DataType.FLOAT64), Field.of("y", DataType.FLOAT64))),
                Field.nullable("attrs", DataType.map(DataType.UTF8, DataType.INT32, true)),
                Field.nullable("uuid", DataType.extension("arrow.uuid", DataType.fixedSizeBinary(16), "v1")),
                Field.nullable("runs", DataType.runEndEncoded(DataType.INT32, DataType.UTF8)));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        SchemaText.print(schema, out, "");
        out.flush();
        assertThat(text.toString()).isEqualTo("""
                id: int64 not null
                name: utf8
                  metadata:
                    comment = display\\nname
                tags: list
                  item: utf8
                city: dictionary<values=utf8, indices=int16> (dictionary id 3)
                when: timestamp[microsecond, UTC]
                point: struct
                  x: float64 not null
                  y: float64 not null
                attrs: map (keys sorted)
                  entries: struct not null
                    key: utf8 not null
                    value: int32
                uuid: extension<arrow.uuid> on fixed_size_binary[16]
                  extension metadata: v1
                runs: run_end_encoded
                  run_ends: int32 not null
                  values: utf8
                """);
    }

    @Test
    void compactTypesFitOnOneLine() {
        assertThat(SchemaText.compactType(DataType.list(DataType.INT32))).isEqualTo("list<int32>");
        assertThat(SchemaText.compactType(DataType.map(DataType.UTF8, DataType.list(DataType.INT8), false)))
                .isEqualTo("map<utf8, list<int8>>");
        assertThat(SchemaText.compactType(DataType.struct(Field.of("x", DataType.FLOAT64))))
                .isEqualTo("struct<x: float64>");
        assertThat(SchemaText.compactType(DataType.dictionary(DataType.INT8, DataType.UTF8)))
                .isEqualTo("dictionary<int8, utf8>");
        assertThat(SchemaText.compactType(DataType.sparseUnion(Field.of("a", DataType.INT32))))
                .isEqualTo("sparse_union<a: int32>");
        assertThat(SchemaText.compactType(DataType.fixedSizeList(DataType.UTF8, 3))).isEqualTo("fixed_size_list<utf8>[3]");
        assertThat(SchemaText.compactType(DataType.decimal(10, 2))).isEqualTo("decimal128(10, 2)");
    }
}
