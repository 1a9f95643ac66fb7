package dev.lightstream.parquet.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Column projection: the part of a Parquet schema that a list of dotted paths selects. A path keeps
 * the node it names and everything under it; a MAP group is kept whole when any part of it is
 * named (a map needs its keys).
 */
final class Projection {
    private Projection() {}

    /**
     * The pruned schema.
     *
     * @throws IllegalArgumentException if a path names no column
     */
    static MessageType select(MessageType schema, List<String> paths) {
        if (paths.isEmpty()) {
            return schema;
        }
        List<String[]> selected = new ArrayList<>();
        for (String path : paths) {
            String[] parts = path.split("\\.", -1);
            if (!matchesAny(schema, parts)) {
                throw new IllegalArgumentException("column path '" + path + "' names no column of " + schema);
            }
            selected.add(parts);
        }
        List<Type> kept = prune(schema, new String[0], selected);
        return new MessageType(schema.getName(), kept);
    }

    private static boolean matchesAny(MessageType schema, String[] parts) {
        for (String[] column : schema.getPaths()) {
            if (column.length >= parts.length && Arrays.equals(Arrays.copyOf(column, parts.length), parts)) {
                return true;
            }
        }
        return false;
    }

    private static List<Type> prune(GroupType group, String[] prefix, List<String[]> selected) {
        List<Type> kept = new ArrayList<>();
        for (Type child : group.getFields()) {
            String[] path = Arrays.copyOf(prefix, prefix.length + 1);
            path[prefix.length] = child.getName();
            Type pruned = prune(child, path, selected);
            if (pruned != null) {
                kept.add(pruned);
            }
        }
        return kept;
    }

    private static Type prune(Type type, String[] path, List<String[]> selected) {
        boolean whole = false;
        boolean partial = false;
        for (String[] s : selected) {
            if (s.length <= path.length && Arrays.equals(s, Arrays.copyOf(path, s.length))) {
                whole = true;
            } else if (s.length > path.length && Arrays.equals(path, Arrays.copyOf(s, path.length))) {
                partial = true;
            }
        }
        if (whole) {
            return type;
        }
        if (!partial || type.isPrimitive()) {
            return null;
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return type;
        }
        List<Type> kept = prune(group, path, selected);
        return kept.isEmpty() ? null : group.withNewFields(kept);
    }
}
