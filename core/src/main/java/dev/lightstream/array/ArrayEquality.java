package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.Schema;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Logical equality of arrays and record batches, reporting the first difference.
 *
 * <p>Two arrays are equal when they have the same type and length and every slot holds the same
 * value: the layout does not matter (offsets, slicing, buffer padding and capacity, how a list's
 * elements or a view's bytes are laid out, whether an all-valid array has a bitmap). Values under
 * null slots are not compared. Floating-point numbers compare by bit pattern ({@code 0.0 != -0.0})
 * except that all NaNs are equal. Dictionary-encoded arrays compare by their decoded values, unless
 * {@link #withExactDictionaries(boolean)} also asks for equal dictionaries and indices. Union slots
 * compare their type id, then the child value. Types compare by {@code equals}, except that the
 * {@linkplain Field#dictionaryId() dictionary ids} of fields are ignored unless
 * {@link #withDictionaryIds(boolean)} asks for them (a writer may assign them).
 *
 * {@snippet :
 * Optional<ArrayEquality.Difference> difference = ArrayEquality.defaults().compare(expected, actual);
 * assertThat(difference).isEmpty();   // or fails showing e.g.
 * // points[2].x row 17: expected 1.5, actual 2.5 (value)   (element 2 of the list in row 17)
 * }
 */
public final class ArrayEquality {
    private static final ArrayEquality DEFAULTS = new ArrayEquality(false, false);

    private final boolean exactDictionaries;
    private final boolean dictionaryIds;

    private ArrayEquality(boolean exactDictionaries, boolean dictionaryIds) {
        this.exactDictionaries = exactDictionaries;
        this.dictionaryIds = dictionaryIds;
    }

    /** Logical comparison: dictionaries by decoded value, dictionary ids of fields ignored. */
    public static ArrayEquality defaults() {
        return DEFAULTS;
    }

    /** The same comparison, also requiring (or not) dictionary arrays to have equal dictionaries and indices. */
    public ArrayEquality withExactDictionaries(boolean exact) {
        return new ArrayEquality(exact, dictionaryIds);
    }

    /** The same comparison, also requiring (or not) fields to have equal dictionary ids. */
    public ArrayEquality withDictionaryIds(boolean compare) {
        return new ArrayEquality(exactDictionaries, compare);
    }

    /** True if the arrays are equal under {@link #defaults()}. */
    public static boolean equal(Array expected, Array actual) {
        return DEFAULTS.compare(expected, actual).isEmpty();
    }

    /** True if the batches are equal under {@link #defaults()}. */
    public static boolean equal(RecordBatch expected, RecordBatch actual) {
        return DEFAULTS.compare(expected, actual).isEmpty();
    }

    /**
     * Where two arrays or batches first differ.
     *
     * @param path the field path from the top: field names joined by dots, {@code [i]} for the
     *     i-th element of a list, {@code [dictionary]} for a dictionary; empty for the top array
     * @param row the top-level row, or -1 for a difference of type, length or schema
     * @param expected the expected value (or type, length) there
     * @param actual the actual value there
     * @param what what differs: "value", "null", "type", "length", "type id", "list length"...
     */
    public record Difference(String path, int row, Object expected, Object actual, String what) {
        @Override
        public String toString() {
            String where = path.isEmpty() ? "" : path;
            String at = row < 0 ? where : where + (where.isEmpty() ? "" : " ") + "row " + row;
            return (at.isEmpty() ? "" : at + ": ") + "expected " + show(expected) + ", actual " + show(actual)
                    + " (" + what + ")";
        }

        private static String show(Object value) {
            return value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes) : String.valueOf(value);
        }
    }

    /** The first difference between two arrays, or empty if they are equal. */
    public Optional<Difference> compare(Array expected, Array actual) {
        return Optional.ofNullable(new Comparison().arrays("", expected, actual));
    }

    /**
     * The first difference between two batches (schema, then row count, then columns in order),
     * or empty if they are equal.
     */
    public Optional<Difference> compare(RecordBatch expected, RecordBatch actual) {
        Difference schema = schemas(expected.schema(), actual.schema());
        if (schema != null) {
            return Optional.of(schema);
        }
        if (expected.rowCount() != actual.rowCount()) {
            return Optional.of(new Difference("", -1, expected.rowCount(), actual.rowCount(), "row count"));
        }
        Comparison comparison = new Comparison();
        for (int i = 0; i < expected.columnCount(); i++) {
            Field field = expected.schema().field(i);
            String name = field.name().isEmpty() ? "[" + i + "]" : field.name();
            Difference d = comparison.arrays(name, expected.column(i), actual.column(i));
            if (d != null) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * The first difference between two schemas (field count, then each field with its type tree,
     * then the schema metadata), or empty if they are equal. Dictionary ids are ignored unless
     * {@link #withDictionaryIds(boolean)} asks for them.
     */
    public Optional<Difference> compare(Schema expected, Schema actual) {
        return Optional.ofNullable(schemas(expected, actual));
    }

    private Difference schemas(Schema expected, Schema actual) {
        if (expected.size() != actual.size()) {
            return new Difference("", -1, expected, actual, "field count");
        }
        for (int i = 0; i < expected.size(); i++) {
            Field e = expected.field(i);
            Field a = actual.field(i);
            if (!normalize(e).equals(normalize(a))) {
                String name = e.name().isEmpty() ? "[" + i + "]" : e.name();
                return new Difference(name, -1, e, a, "field " + i);
            }
        }
        if (!expected.metadata().equals(actual.metadata())) {
            return new Difference("", -1, expected.metadata(), actual.metadata(), "schema metadata");
        }
        return null;
    }

    private Field normalize(Field field) {
        return dictionaryIds ? field
                : field.withDictionaryId(Field.NO_DICTIONARY_ID).withType(normalize(field.type()));
    }

    /** The type with every field's dictionary id cleared (unless ids are compared). */
    private DataType normalize(DataType type) {
        if (dictionaryIds) {
            return type;
        }
        return switch (type) {
            case DataType.List l -> new DataType.List(normalize(l.element()));
            case DataType.LargeList l -> new DataType.LargeList(normalize(l.element()));
            case DataType.ListView l -> new DataType.ListView(normalize(l.element()));
            case DataType.LargeListView l -> new DataType.LargeListView(normalize(l.element()));
            case DataType.FixedSizeList f -> new DataType.FixedSizeList(normalize(f.element()), f.listSize());
            case DataType.Struct s -> new DataType.Struct(s.fields().stream().map(this::normalize).toList());
            case DataType.Map m -> new DataType.Map(normalize(m.entries()), m.keysSorted());
            case DataType.Union u -> new DataType.Union(u.mode(), u.fields().stream().map(this::normalize).toList(),
                    u.typeIds());
            case DataType.Dictionary d -> new DataType.Dictionary(d.indexType(), normalize(d.valueType()), d.ordered());
            case DataType.RunEndEncoded r -> new DataType.RunEndEncoded(normalize(r.runEnds()), normalize(r.values()));
            case DataType.Extension e -> new DataType.Extension(e.name(), normalize(e.storage()), e.metadata());
            default -> type;
        };
    }

    /** One comparison run: remembers which dictionary pairs were already compared whole. */
    private final class Comparison {
        private final Map<ArrayData, List<ArrayData>> comparedDictionaries = new IdentityHashMap<>();
        private int row;

        Difference arrays(String path, Array expected, Array actual) {
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(actual, "actual");
            if (!normalize(expected.type()).equals(normalize(actual.type()))) {
                return new Difference(path, -1, expected.type(), actual.type(), "type");
            }
            if (expected.length() != actual.length()) {
                return new Difference(path, -1, expected.length(), actual.length(), "length");
            }
            for (int i = 0; i < expected.length(); i++) {
                row = i;
                Difference d = value(path, expected, i, actual, i);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }

        private Difference differ(String path, Object expected, Object actual, String what) {
            return new Difference(path, row, expected, actual, what);
        }

        private Difference value(String path, Array a, int i, Array b, int j) {
            if (a instanceof UnionArray ua && b instanceof UnionArray ub) {
                return union(path, ua, i, ub, j);
            }
            if (exactDictionaries && a instanceof DictionaryArray da && b instanceof DictionaryArray db) {
                Difference d = dictionaryIndices(path, da, i, db, j);
                if (d != null) {
                    return d;
                }
            }
            boolean aNull = a.isNull(i);
            if (aNull != b.isNull(j)) {
                return differ(path, a.getObject(i), b.getObject(j), "null");
            }
            if (aNull) {
                return null;
            }
            return switch (a) {
                case BooleanArray x -> x.get(i) == ((BooleanArray) b).get(j) ? null : leaf(path, a, i, b, j);
                case Int8Array x -> x.get(i) == ((Int8Array) b).get(j) ? null : leaf(path, a, i, b, j);
                case Int16Array x -> x.get(i) == ((Int16Array) b).get(j) ? null : leaf(path, a, i, b, j);
                case Int32Array x -> x.get(i) == ((Int32Array) b).get(j) ? null : leaf(path, a, i, b, j);
                case Int64Array x -> x.get(i) == ((Int64Array) b).get(j) ? null : leaf(path, a, i, b, j);
                case Float16Array x -> sameFloat16(x.get(i), ((Float16Array) b).get(j)) ? null : leaf(path, a, i, b, j);
                case Float32Array x -> sameFloat32(x.get(i), ((Float32Array) b).get(j)) ? null : leaf(path, a, i, b, j);
                case Float64Array x -> sameFloat64(x.get(i), ((Float64Array) b).get(j)) ? null : leaf(path, a, i, b, j);
                case DecimalArray x -> x.getUnscaled(i).equals(((DecimalArray) b).getUnscaled(j)) ? null
                        : leaf(path, a, i, b, j);
                case IntervalArray x -> x.getObject(i).equals(b.getObject(j)) ? null : leaf(path, a, i, b, j);
                case FixedSizeBinaryArray x -> x.getSegment(i).mismatch(((FixedSizeBinaryArray) b).getSegment(j)) < 0
                        ? null : leaf(path, a, i, b, j);
                case BinaryArray x -> x.getSegment(i).mismatch(((BinaryArray) b).getSegment(j)) < 0 ? null
                        : leaf(path, a, i, b, j);
                case BinaryViewArray x -> x.getSegment(i).mismatch(((BinaryViewArray) b).getSegment(j)) < 0 ? null
                        : leaf(path, a, i, b, j);
                case ListArray x -> elements(path, x.value(i), ((ListArray) b).value(j));
                case ListViewArray x -> elements(path, x.value(i), ((ListViewArray) b).value(j));
                case FixedSizeListArray x -> elements(path, x.value(i), ((FixedSizeListArray) b).value(j));
                case MapArray x -> map(path, x, i, (MapArray) b, j);
                case StructArray x -> struct(path, x, i, (StructArray) b, j);
                case DictionaryArray x -> {
                    DictionaryArray y = (DictionaryArray) b;
                    yield value(path, x.dictionary(), (int) x.index(i), y.dictionary(), (int) y.index(j));
                }
                case RunEndEncodedArray x -> {
                    RunEndEncodedArray y = (RunEndEncodedArray) b;
                    yield value(path, x.values(), x.physicalIndex(i), y.values(), y.physicalIndex(j));
                }
                case ExtensionArray x -> value(path, x.storage(), i, ((ExtensionArray) b).storage(), j);
                case NullArray x -> null;
                case UnionArray x -> throw new AssertionError("handled above");
            };
        }

        private Difference leaf(String path, Array a, int i, Array b, int j) {
            return differ(path, a.getObject(i), b.getObject(j), "value");
        }

        private Difference elements(String path, Array a, Array b) {
            if (a.length() != b.length()) {
                return differ(path, a.length(), b.length(), "list length");
            }
            for (int k = 0; k < a.length(); k++) {
                Difference d = value(path + "[" + k + "]", a, k, b, k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }

        private Difference map(String path, MapArray a, int i, MapArray b, int j) {
            int length = a.valueLength(i);
            if (length != b.valueLength(j)) {
                return differ(path, length, b.valueLength(j), "map size");
            }
            int aStart = a.valueStart(i);
            int bStart = b.valueStart(j);
            for (int k = 0; k < length; k++) {
                String entry = path + "[" + k + "]";
                Difference d = value(entry + ".key", a.keys(), aStart + k, b.keys(), bStart + k);
                if (d == null) {
                    d = value(entry + ".value", a.items(), aStart + k, b.items(), bStart + k);
                }
                if (d != null) {
                    return d;
                }
            }
            return null;
        }

        private Difference struct(String path, StructArray a, int i, StructArray b, int j) {
            List<Field> fields = a.type().children();
            for (int k = 0; k < a.fieldCount(); k++) {
                String name = fields.get(k).name();
                String child = name.isEmpty() ? path + "[" + k + "]" : path.isEmpty() ? name : path + "." + name;
                Difference d = value(child, a.field(k), i, b.field(k), j);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }

        private Difference union(String path, UnionArray a, int i, UnionArray b, int j) {
            byte aId = a.typeId(i);
            byte bId = b.typeId(j);
            if (aId != bId) {
                return differ(path, aId, bId, "type id");
            }
            int child = a.childIndex(i);
            Field field = ((DataType.Union) a.type()).fields().get(child);
            String name = field.name().isEmpty() ? path + "[" + child + "]"
                    : path.isEmpty() ? field.name() : path + "." + field.name();
            return value(name, a.child(child), a.valueOffset(i), b.child(child), b.valueOffset(j));
        }

        private Difference dictionaryIndices(String path, DictionaryArray a, int i, DictionaryArray b, int j) {
            List<ArrayData> seen = comparedDictionaries.computeIfAbsent(a.dictionary().data(), k -> new ArrayList<>());
            if (seen.stream().noneMatch(d -> d == b.dictionary().data())) {
                seen.add(b.dictionary().data());
                int saved = row;
                Difference d = new Comparison().arrays(path + "[dictionary]", a.dictionary(), b.dictionary());
                row = saved;
                if (d != null) {
                    return d;
                }
            }
            boolean aNull = a.indices().isNull(i);
            if (aNull != b.indices().isNull(j)) {
                return differ(path, aNull ? null : a.index(i), b.indices().isNull(j) ? null : b.index(j), "null index");
            }
            if (!aNull && a.index(i) != b.index(j)) {
                return differ(path, a.index(i), b.index(j), "dictionary index");
            }
            return null;
        }
    }

    static boolean sameFloat16(short a, short b) {
        return a == b || (isNaN16(a) && isNaN16(b));
    }

    private static boolean isNaN16(short bits) {
        return (bits & 0x7C00) == 0x7C00 && (bits & 0x03FF) != 0;
    }

    static boolean sameFloat32(float a, float b) {
        return Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b) || (Float.isNaN(a) && Float.isNaN(b));
    }

    static boolean sameFloat64(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b) || (Double.isNaN(a) && Double.isNaN(b));
    }
}
