package dev.lightstream.cli.text;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import dev.lightstream.schema.UnionMode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A schema as an indented tree, one field per line: name, type, nullability, dictionary
 * encoding, metadata; the children of nested types below their parent.
 *
 * <pre>
 * id: int64 not null
 * tags: list
 *   item: utf8
 * city: dictionary&lt;values=utf8, indices=int16&gt; (dictionary id 0)
 *   metadata: comment = where
 * </pre>
 *
 * {@snippet :
 * SchemaText.print(schema, out, "  ");
 * }
 */
public final class SchemaText {
    private static final String INDENT = "  ";

    private SchemaText() {}

    /** Prints every field of {@code schema}, each line starting with {@code indent}. */
    public static void print(Schema schema, PrintWriter out, String indent) {
        for (Field field : schema.fields()) {
            field(field, indent, out);
        }
    }

    /** Prints key-value metadata, one {@code key = value} per line. */
    public static void metadata(Map<String, String> metadata, String indent, PrintWriter out) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            out.println(indent + oneLine(e.getKey()) + " = " + oneLine(e.getValue()));
        }
    }

    private static void field(Field field, String indent, PrintWriter out) {
        StringBuilder line = new StringBuilder(indent).append(field.name().isEmpty() ? "\"\"" : field.name())
                .append(": ").append(typeName(field.type()));
        if (!field.nullable()) {
            line.append(" not null");
        }
        if (field.dictionaryId() != Field.NO_DICTIONARY_ID) {
            line.append(" (dictionary id ").append(field.dictionaryId()).append(')');
        }
        out.println(line);
        String inner = indent + INDENT;
        if (field.type() instanceof DataType.Extension e && !e.metadata().isEmpty()) {
            out.println(inner + "extension metadata: " + oneLine(e.metadata()));
        }
        if (!field.metadata().isEmpty()) {
            out.println(inner + "metadata:");
            metadata(field.metadata(), inner + INDENT, out);
        }
        for (Field child : children(field.type())) {
            field(child, inner, out);
        }
    }

    /** The children shown under a field: those of the type, or of its dictionary values or storage. */
    private static List<Field> children(DataType type) {
        return switch (type) {
            case DataType.Dictionary d -> children(d.valueType());
            case DataType.Extension e -> children(e.storage());
            default -> type.children();
        };
    }

    /** A type's name without its children, which are listed on their own lines. */
    public static String typeName(DataType type) {
        return switch (type) {
            case DataType.List l -> "list";
            case DataType.LargeList l -> "large_list";
            case DataType.ListView l -> "list_view";
            case DataType.LargeListView l -> "large_list_view";
            case DataType.FixedSizeList f -> "fixed_size_list[" + f.listSize() + "]";
            case DataType.Struct s -> "struct";
            case DataType.Map m -> m.keysSorted() ? "map (keys sorted)" : "map";
            case DataType.Union u -> (u.mode() == UnionMode.SPARSE ? "sparse_union" : "dense_union")
                    + (u.typeIds().equals(defaultIds(u.fields().size())) ? "" : " (type ids " + u.typeIds() + ")");
            case DataType.RunEndEncoded r -> "run_end_encoded";
            case DataType.Dictionary d -> "dictionary<values=" + typeName(d.valueType()) + ", indices=" + d.indexType()
                    + (d.ordered() ? ", ordered" : "") + ">";
            case DataType.Extension e -> "extension<" + e.name() + "> on " + typeName(e.storage());
            default -> type.toString();
        };
    }

    /**
     * A type on one line, children's types inside it but without the generic names of list
     * elements and map entries: {@code list<int32>}, {@code struct<x: float64, y: float64>},
     * {@code map<utf8, int32>}, {@code dictionary<int8, utf8>}.
     */
    public static String compactType(DataType type) {
        return switch (type) {
            case DataType.List l -> "list<" + compactType(l.element().type()) + ">";
            case DataType.LargeList l -> "large_list<" + compactType(l.element().type()) + ">";
            case DataType.ListView l -> "list_view<" + compactType(l.element().type()) + ">";
            case DataType.LargeListView l -> "large_list_view<" + compactType(l.element().type()) + ">";
            case DataType.FixedSizeList f -> "fixed_size_list<" + compactType(f.element().type()) + ">[" + f.listSize() + "]";
            case DataType.Struct s -> "struct<" + fields(s.fields()) + ">";
            case DataType.Union u -> (u.mode() == UnionMode.SPARSE ? "sparse_union<" : "dense_union<") + fields(u.fields()) + ">";
            case DataType.Map m -> "map<" + compactType(m.key().type()) + ", " + compactType(m.value().type()) + ">";
            case DataType.Dictionary d -> "dictionary<" + d.indexType() + ", " + compactType(d.valueType()) + ">";
            case DataType.RunEndEncoded r -> "run_end_encoded<" + r.runEnds().type() + ", " + compactType(r.values().type()) + ">";
            case DataType.Extension e -> "extension<" + e.name() + ">";
            default -> type.toString();
        };
    }

    private static String fields(List<Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(sb.isEmpty() ? "" : ", ").append(f.name()).append(": ").append(compactType(f.type()));
        }
        return sb.toString();
    }

    private static List<Integer> defaultIds(int count) {
        return java.util.stream.IntStream.range(0, count).boxed().toList();
    }

    /** Metadata may hold anything: keep it on one line, and long values short. */
    private static String oneLine(String text) {
        return ValueText.cut(text.replace("\r", "\\r").replace("\n", "\\n"), 200);
    }
}
