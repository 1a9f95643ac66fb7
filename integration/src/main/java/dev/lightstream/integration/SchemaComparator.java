package dev.lightstream.integration;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Compares schemas field by field, reporting names, nullability, types and custom metadata that
 * differ, with the path of the field. Types compare exactly, level by level, so a difference is
 * reported at the deepest field where it appears. Dictionary ids and map child names are left out,
 * as archery leaves them out (see {@link IntegrationComparator}).
 */
final class SchemaComparator {
    private final Consumer<Difference> report;

    SchemaComparator(Consumer<Difference> report) {
        this.report = report;
    }

    void fields(String path, List<Field> expected, List<Field> actual) {
        fields(path, expected, actual, 0);
    }

    private void fields(String path, List<Field> expected, List<Field> actual, int mapLevel) {
        if (expected.size() != actual.size()) {
            report.accept(new Difference(Difference.Kind.SCHEMA, path, -1, -1,
                    "expected " + expected.size() + " fields but found " + actual.size()));
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            field(join(path, expected.get(i).name()), expected.get(i), actual.get(i), mapLevel);
        }
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Compares one field. Dictionary ids are not compared (archery does not: dictionaries are
     * matched by the fields that use them), nor are the names of a map's entries, key and value
     * fields, which Arrow C++'s map type equality ignores: {@code mapLevel} is 1 for a map's
     * entries field, 2 for its key and value fields, 0 elsewhere.
     */
    private void field(String path, Field expected, Field actual, int mapLevel) {
        if (mapLevel == 0 && !expected.name().equals(actual.name())) {
            schema(path, "expected name '" + expected.name() + "' but found '" + actual.name() + "'");
        }
        if (expected.nullable() != actual.nullable()) {
            schema(path, "expected nullable=" + expected.nullable() + " but found " + actual.nullable());
        }
        String metadata = metadataDifference(expected.metadata(), actual.metadata());
        if (metadata != null) {
            report.accept(new Difference(Difference.Kind.FIELD_METADATA, path, -1, -1, metadata));
        }
        String expectedHeader = header(expected.type());
        String actualHeader = header(actual.type());
        if (!expectedHeader.equals(actualHeader)) {
            schema(path, "expected type " + expectedHeader + " but found " + actualHeader);
            return;
        }
        int childLevel = Types.values(expected.type()) instanceof DataType.Map ? 1 : mapLevel == 1 ? 2 : 0;
        fields(path, Types.valueChildren(expected.type()), Types.valueChildren(actual.type()), childLevel);
    }

    private void schema(String path, String detail) {
        report.accept(new Difference(Difference.Kind.SCHEMA, path, -1, -1, detail));
    }

    /** The type without its child fields: everything that must match at this level. */
    static String header(DataType type) {
        return switch (type) {
            case DataType.Extension e -> "extension<" + e.name() + ", metadata=\"" + e.metadata() + "\">(" + header(e.storage()) + ")";
            case DataType.Dictionary d -> "dictionary<" + d.indexType() + (d.ordered() ? ", ordered" : "") + ">("
                    + header(d.valueType()) + ")";
            case DataType.List l -> "list";
            case DataType.LargeList l -> "large_list";
            case DataType.ListView l -> "list_view";
            case DataType.LargeListView l -> "large_list_view";
            case DataType.FixedSizeList f -> "fixed_size_list[" + f.listSize() + "]";
            case DataType.Struct s -> "struct";
            case DataType.Map m -> "map" + (m.keysSorted() ? "(keys sorted)" : "");
            case DataType.Union u -> u.mode().name().toLowerCase(java.util.Locale.ROOT) + "_union" + u.typeIds();
            case DataType.RunEndEncoded r -> "run_end_encoded";
            default -> type.toString();
        };
    }

    /** True if two types have the same layout at every level (names, nullability and metadata aside). */
    static boolean sameShape(DataType a, DataType b) {
        if (!header(a).equals(header(b))) {
            return false;
        }
        List<Field> x = Types.valueChildren(a);
        List<Field> y = Types.valueChildren(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!sameShape(x.get(i).type(), y.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    /** A description of how two metadata maps differ, or null when they are equal (order aside). */
    static String metadataDifference(Map<String, String> expected, Map<String, String> actual) {
        if (expected.equals(actual)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String key : new TreeSet<>(expected.keySet())) {
            if (!actual.containsKey(key)) {
                sb.append(sb.isEmpty() ? "" : "; ").append("key '").append(key).append("' missing");
            } else if (!expected.get(key).equals(actual.get(key))) {
                sb.append(sb.isEmpty() ? "" : "; ").append("key '").append(key).append("': expected '")
                        .append(expected.get(key)).append("' but found '").append(actual.get(key)).append("'");
            }
        }
        for (String key : new TreeSet<>(actual.keySet())) {
            if (!expected.containsKey(key)) {
                sb.append(sb.isEmpty() ? "" : "; ").append("unexpected key '").append(key).append("'");
            }
        }
        return sb.toString();
    }
}
