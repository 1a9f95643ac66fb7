package dev.lightstream.parquet.internal;

import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.ExtensionArray;
import dev.lightstream.array.FixedSizeBinaryArray;
import dev.lightstream.array.Float16Array;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int16Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.Int8Array;
import dev.lightstream.array.IntervalArray;
import dev.lightstream.array.ListArray;
import dev.lightstream.array.MapArray;
import dev.lightstream.array.StructArray;
import dev.lightstream.parquet.InvalidParquetException;
import dev.lightstream.schema.DataType;
import java.math.BigInteger;
import java.util.List;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * parquet-java converters that append what its record assembly reads straight into Arrow array
 * builders: a group converter opens and closes the builder's slot ({@code startStruct},
 * {@code startList}, {@code startMap}) around its children, and a child that was not called
 * within its parent (an absent optional value) gets a null when the parent ends.
 */
final class ArrowConverters {
    private ArrowConverters() {}

    /** The converter of the top-level fields {@code fields} into {@code builders}. */
    static GroupConverter root(List<Type> fields, List<ArrayBuilder> builders) throws InvalidParquetException {
        Converter[] children = new Converter[fields.size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = of(fields.get(i), builders.get(i), fields.get(i).getName());
        }
        return new FieldsConverter(children, builders.toArray(ArrayBuilder[]::new)) {
            @Override
            public void start() {
                mark();
            }

            @Override
            public void end() {
                fillAbsent();
            }
        };
    }

    static Converter of(Type type, ArrayBuilder builder, String path) throws InvalidParquetException {
        if (type.isPrimitive()) {
            return primitive(type.asPrimitiveType(), builder, path);
        }
        GroupType group = type.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            ListArray.Builder list = builder.as(ListArray.Builder.class);
            ArrowTypes.ListShape shape = ArrowTypes.ListShape.of(group, path);
            ArrayBuilder values = list.values();
            Converter repeated;
            if (shape.threeLevel()) {
                Converter element = of(shape.element(), values, path + ".element");
                repeated = new FieldsConverter(new Converter[] {element}, new ArrayBuilder[] {values}) {
                    @Override
                    public void start() {
                        mark();
                    }

                    @Override
                    public void end() {
                        fillAbsent();
                    }
                };
            } else {
                repeated = of(shape.element(), values, path + ".element");
            }
            return new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return repeated;
                }

                @Override
                public void start() {
                    list.startList();
                }

                @Override
                public void end() {
                    list.endList();
                }
            };
        }
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            MapArray.Builder map = builder.as(MapArray.Builder.class);
            GroupType keyValue = ArrowTypes.mapKeyValue(group, path);
            Converter[] children = new Converter[keyValue.getFieldCount()];
            ArrayBuilder[] builders = {map.keys(), map.items()};
            for (int i = 0; i < children.length; i++) {
                children[i] = of(keyValue.getType(i), builders[i], path + "." + keyValue.getType(i).getName());
            }
            FieldsConverter entries = new FieldsConverter(children, builders) {
                @Override
                public void start() {
                    mark();
                }

                @Override
                public void end() {
                    if (builders[0].length() == marks[0]) {
                        throw new IllegalArgumentException("map '" + path + "' has an entry without a key");
                    }
                    fillAbsent();
                }
            };
            return new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return entries;
                }

                @Override
                public void start() {
                    map.startMap();
                }

                @Override
                public void end() {
                    map.endMap();
                }
            };
        }
        StructArray.Builder struct = builder.as(StructArray.Builder.class);
        Converter[] children = new Converter[group.getFieldCount()];
        ArrayBuilder[] builders = new ArrayBuilder[children.length];
        for (int i = 0; i < children.length; i++) {
            builders[i] = struct.field(i);
            children[i] = of(group.getType(i), builders[i], path + "." + group.getType(i).getName());
        }
        return new FieldsConverter(children, builders) {
            @Override
            public void start() {
                struct.startStruct();
                mark();
            }

            @Override
            public void end() {
                fillAbsent();
                struct.endStruct();
            }
        };
    }

    /** A group converter over child builders that appends a null to each child not written between start and end. */
    private abstract static class FieldsConverter extends GroupConverter {
        final Converter[] children;
        final ArrayBuilder[] builders;
        final int[] marks;

        FieldsConverter(Converter[] children, ArrayBuilder[] builders) {
            this.children = children;
            this.builders = builders;
            this.marks = new int[builders.length];
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        final void mark() {
            for (int i = 0; i < builders.length; i++) {
                marks[i] = builders[i].length();
            }
        }

        final void fillAbsent() {
            for (int i = 0; i < builders.length; i++) {
                if (builders[i].length() == marks[i]) {
                    builders[i].appendNull();
                }
            }
        }
    }

    private static PrimitiveConverter primitive(PrimitiveType type, ArrayBuilder builder, String path)
            throws InvalidParquetException {
        DataType arrow = builder.type();
        PrimitiveType.PrimitiveTypeName physical = type.getPrimitiveTypeName();
        return switch (builder) {
            case BooleanArray.Builder b -> new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    b.append(value);
                }
            };
            case Int8Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    b.append((byte) value);
                }
            };
            case Int16Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    b.append((short) value);
                }
            };
            case Int32Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    b.append(value);
                }
            };
            case Int64Array.Builder b when physical == PrimitiveType.PrimitiveTypeName.INT96 -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    b.append(int96Nanos(value, path));
                }
            };
            case Int64Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    b.append(value);
                }
            };
            case Float32Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addFloat(float value) {
                    b.append(value);
                }
            };
            case Float64Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    b.append(value);
                }
            };
            case Float16Array.Builder b -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    byte[] bytes = value.getBytesUnsafe();
                    b.appendBits((short) ((bytes[0] & 0xFF) | (bytes[1] << 8)));
                }
            };
            case DecimalArray.Builder b -> new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    b.appendUnscaled(value);
                }

                @Override
                public void addLong(long value) {
                    b.appendUnscaled(value);
                }

                @Override
                public void addBinary(Binary value) {
                    byte[] bytes = value.getBytes();
                    if (bytes.length == 0) {
                        throw new IllegalArgumentException("decimal '" + path + "' has an empty value");
                    }
                    b.appendUnscaled(new BigInteger(bytes));
                }
            };
            case BinaryArray.Builder b -> new BinaryConverter(b);
            case FixedSizeBinaryArray.Builder b -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    b.append(value.getBytesUnsafe());
                }
            };
            case ExtensionArray.Builder b -> primitive(type, b.storage(), path);
            case IntervalArray.Builder b -> new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    byte[] v = value.getBytesUnsafe();
                    long millis = intLE(v, 8) & 0xFFFF_FFFFL;
                    b.appendMonthDayNano(intLE(v, 0), intLE(v, 4), millis * 1_000_000L);
                }
            };
            // Null-type columns are never called: their parents append the nulls.
            default -> {
                if (arrow instanceof DataType.Null) {
                    yield new PrimitiveConverter() {};
                }
                throw new InvalidParquetException("column '" + path + "': no converter from " + type + " to " + arrow);
            }
        };
    }

    /** Strings and binaries, decoding a dictionary page once when the column has one. */
    private static final class BinaryConverter extends PrimitiveConverter {
        private final BinaryArray.Builder builder;
        private byte[][] dictionary;

        BinaryConverter(BinaryArray.Builder builder) {
            this.builder = builder;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dictionary) {
            byte[][] values = new byte[dictionary.getMaxId() + 1][];
            for (int i = 0; i < values.length; i++) {
                values[i] = dictionary.decodeToBinary(i).getBytes();
            }
            this.dictionary = values;
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            builder.append(dictionary[dictionaryId]);
        }

        @Override
        public void addBinary(Binary value) {
            builder.append(java.lang.foreign.MemorySegment.ofBuffer(value.toByteBuffer()));
        }
    }

    private static int intLE(byte[] v, int at) {
        return (v[at] & 0xFF) | (v[at + 1] & 0xFF) << 8 | (v[at + 2] & 0xFF) << 16 | (v[at + 3] & 0xFF) << 24;
    }

    /** An INT96 timestamp (nanoseconds of the day, then the Julian day, little-endian) as epoch nanoseconds. */
    private static long int96Nanos(Binary value, String path) {
        byte[] v = value.getBytes();
        if (v.length != 12) {
            throw new IllegalArgumentException("INT96 value of '" + path + "' has " + v.length + " bytes");
        }
        long nanosOfDay = (intLE(v, 0) & 0xFFFF_FFFFL) | (long) intLE(v, 4) << 32;
        long julianDay = intLE(v, 8) & 0xFFFF_FFFFL;
        return Math.addExact(Math.multiplyExact(julianDay - 2_440_588L, 86_400_000_000_000L), nanosOfDay);
    }
}
