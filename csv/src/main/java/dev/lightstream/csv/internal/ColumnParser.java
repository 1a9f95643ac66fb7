package dev.lightstream.csv.internal;

import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BinaryViewArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.DictionaryArray;
import dev.lightstream.array.ExtensionArray;
import dev.lightstream.array.FixedSizeBinaryArray;
import dev.lightstream.array.Float16Array;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int16Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.Int8Array;
import dev.lightstream.array.NullArray;
import dev.lightstream.csv.BinaryEncoding;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Turns the text of one CSV column into values of its Arrow type, in two steps so that a bad row
 * changes nothing: {@link #parse} checks a field and keeps its value pending, {@link #commit}
 * appends it once every field of the row has parsed.
 */
abstract class ColumnParser {
    final Text text = new Text();
    boolean pendingNull;

    /** Parses a field; false if the text is not a value of the type. */
    abstract boolean parse(byte[] a, int off, int len);

    /** Appends the pending value (or null). */
    final void commit() {
        if (pendingNull) {
            builder().appendNull();
        } else {
            append();
        }
    }

    abstract ArrayBuilder builder();

    abstract void append();

    /** The parser of the column built by {@code builder}, or null when CSV text cannot hold its type. */
    static ColumnParser of(ArrayBuilder builder, BinaryEncoding binary) {
        return switch (builder) {
            case DictionaryArray.Builder b -> {
                ColumnParser values = ofType(((DataType.Dictionary) b.type()).valueType(), binary);
                yield values == null ? null : new DictionaryParser(b, values);
            }
            case ExtensionArray.Builder b when b.type() instanceof DataType.Extension e && e.name().equals("arrow.uuid")
                    && e.storage().equals(DataType.fixedSizeBinary(16)) -> new UuidParser(b);
            default -> typed(builder, binary);
        };
    }

    /** A parser whose values are read back with {@link #value()} (for dictionaries), not appended. */
    private static ColumnParser ofType(DataType type, BinaryEncoding binary) {
        return switch (type) {
            case DataType.Utf8 u -> new ObjectParser(type, binary);
            case DataType.LargeUtf8 u -> new ObjectParser(type, binary);
            case DataType.Utf8View u -> new ObjectParser(type, binary);
            case DataType.Binary u -> new ObjectParser(type, binary);
            case DataType.LargeBinary u -> new ObjectParser(type, binary);
            case DataType.BinaryView u -> new ObjectParser(type, binary);
            case DataType.Int i -> new ObjectParser(type, binary);
            case DataType.FloatingPoint f -> new ObjectParser(type, binary);
            case DataType.Decimal d -> new ObjectParser(type, binary);
            case DataType.Date d -> new ObjectParser(type, binary);
            case DataType.Timestamp t -> new ObjectParser(type, binary);
            case DataType.Bool b -> new ObjectParser(type, binary);
            default -> null;
        };
    }

    Object value() {
        throw new UnsupportedOperationException();
    }

    private static ColumnParser typed(ArrayBuilder builder, BinaryEncoding binary) {
        DataType type = builder.type();
        return switch (type) {
            case DataType.Null n -> new ColumnParser() {
                @Override
                boolean parse(byte[] a, int off, int len) {
                    return false; // only null tokens fit the null type
                }

                @Override
                ArrayBuilder builder() {
                    return builder;
                }

                @Override
                void append() {
                    ((NullArray.Builder) builder).appendNull();
                }
            };
            case DataType.Bool b -> new BoolParser((BooleanArray.Builder) builder);
            case DataType.Int i -> new IntParser(builder, i);
            case DataType.Duration d -> new IntParser(builder, DataType.INT64);
            case DataType.FloatingPoint f -> new FloatParser(builder);
            case DataType.Decimal d -> new DecimalParser((DecimalArray.Builder) builder, d);
            case DataType.Date d -> new TemporalParser(builder, type);
            case DataType.Time t -> new TemporalParser(builder, type);
            case DataType.Timestamp t -> new TemporalParser(builder, type);
            case DataType.Utf8 u -> new BytesParser(builder, true, null);
            case DataType.LargeUtf8 u -> new BytesParser(builder, true, null);
            case DataType.Utf8View u -> new BytesParser(builder, true, null);
            case DataType.Binary u -> new BytesParser(builder, false, binary);
            case DataType.LargeBinary u -> new BytesParser(builder, false, binary);
            case DataType.BinaryView u -> new BytesParser(builder, false, binary);
            case DataType.FixedSizeBinary f -> new BytesParser(builder, false, binary);
            default -> null;
        };
    }

    static final class BoolParser extends ColumnParser {
        private final BooleanArray.Builder builder;
        private boolean value;

        BoolParser(BooleanArray.Builder builder) {
            this.builder = builder;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            int b = parseBool(a, off, len);
            value = b == 1;
            return b >= 0;
        }

        /** 1 for true, 0 for false (any case), -1 otherwise. */
        static int parseBool(byte[] a, int off, int len) {
            if (len == 4 && (a[off] | 0x20) == 't' && (a[off + 1] | 0x20) == 'r' && (a[off + 2] | 0x20) == 'u'
                    && (a[off + 3] | 0x20) == 'e') {
                return 1;
            }
            if (len == 5 && (a[off] | 0x20) == 'f' && (a[off + 1] | 0x20) == 'a' && (a[off + 2] | 0x20) == 'l'
                    && (a[off + 3] | 0x20) == 's' && (a[off + 4] | 0x20) == 'e') {
                return 0;
            }
            return -1;
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            builder.append(value);
        }
    }

    static final class IntParser extends ColumnParser {
        private final ArrayBuilder builder;
        private final DataType.Int type;
        private final long min;
        private final long max;
        private long value;

        IntParser(ArrayBuilder builder, DataType.Int type) {
            this.builder = builder;
            this.type = type;
            int bits = type.bitWidth();
            this.min = type.signed() ? (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
            this.max = bits == 64 ? Long.MAX_VALUE : type.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            if (type.bitWidth() == 64 && !type.signed()) {
                String s = Text.ascii(a, off, len);
                try {
                    value = Long.parseUnsignedLong(s.startsWith("+") ? s.substring(1) : s);
                    return len > 0 && s.charAt(0) != '-';
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            if (!text.parseLong(a, off, len) || text.longValue < min || text.longValue > max) {
                return false;
            }
            value = text.longValue;
            return true;
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            switch (builder) {
                case Int8Array.Builder b -> b.append((byte) value);
                case Int16Array.Builder b -> b.append((short) value);
                case Int32Array.Builder b -> b.append((int) value);
                case Int64Array.Builder b -> b.append(value);
                default -> throw new IllegalStateException("integer builder " + builder.type());
            }
        }
    }

    static final class FloatParser extends ColumnParser {
        private final ArrayBuilder builder;
        private double value;

        FloatParser(ArrayBuilder builder) {
            this.builder = builder;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            if (!text.parseDouble(a, off, len)) {
                return false;
            }
            value = text.doubleValue;
            if (!(builder instanceof Float64Array.Builder) && Double.isFinite(value)) {
                // Rounding the text straight to float: through a double it could round twice.
                value = Float.parseFloat(Text.ascii(a, off, len));
            }
            return true;
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            switch (builder) {
                case Float64Array.Builder b -> b.append(value);
                case Float32Array.Builder b -> b.append((float) value);
                case Float16Array.Builder b -> b.append((float) value);
                default -> throw new IllegalStateException("float builder " + builder.type());
            }
        }
    }

    static final class DecimalParser extends ColumnParser {
        private final DecimalArray.Builder builder;
        private final DataType.Decimal type;
        private BigDecimal value;

        DecimalParser(DecimalArray.Builder builder, DataType.Decimal type) {
            this.builder = builder;
            this.type = type;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            value = parseDecimal(text, a, off, len, type);
            return value != null;
        }

        static BigDecimal parseDecimal(Text text, byte[] a, int off, int len, DataType.Decimal type) {
            if (!text.scanDecimal(a, off, len)) {
                return null;
            }
            try {
                BigDecimal v = new BigDecimal(Text.ascii(a, off, len)).setScale(type.scale(), RoundingMode.UNNECESSARY);
                return v.precision() > type.precision() && v.signum() != 0 ? null : v;
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            builder.append(value);
        }
    }

    /** Dates, times of day and timestamps, stored in the unit of the column. */
    static final class TemporalParser extends ColumnParser {
        private final ArrayBuilder builder;
        private final DataType type;
        private long value;

        TemporalParser(ArrayBuilder builder, DataType type) {
            this.builder = builder;
            this.type = type;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            try {
                Long v = parseTemporal(text, a, off, len, type);
                if (v == null) {
                    return false;
                }
                value = v;
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        /** The stored value of a date, time or timestamp of {@code type}, or null. */
        static Long parseTemporal(Text text, byte[] a, int off, int len, DataType type) {
            switch (type) {
                case DataType.Date d -> {
                    if (!text.parseDate(a, off, len)) {
                        return null;
                    }
                    return d.bitWidth() == 32 ? Math.toIntExact(text.longValue)
                            : Math.multiplyExact(text.longValue, 86_400_000L);
                }
                case DataType.Time t -> {
                    if (!text.parseTime(a, off, len)) {
                        return null;
                    }
                    long perUnit = 1_000_000_000L / t.unit().perSecond();
                    return text.longValue % perUnit != 0 ? null : text.longValue / perUnit;
                }
                case DataType.Timestamp t -> {
                    if (!text.parseTimestamp(a, off, len)) {
                        return null;
                    }
                    long nanos = text.integerDigits;
                    long perUnit = 1_000_000_000L / t.unit().perSecond();
                    if (nanos % perUnit != 0) {
                        return null; // more precision than the unit holds
                    }
                    long seconds = text.longValue;
                    long units = nanos / perUnit;
                    if (seconds < 0 && units > 0) {
                        // keeps the earliest instants in range: (s + 1) * unit - (unit - fraction)
                        return Math.addExact(Math.multiplyExact(seconds + 1, t.unit().perSecond()),
                                units - t.unit().perSecond());
                    }
                    return Math.addExact(Math.multiplyExact(seconds, t.unit().perSecond()), units);
                }
                default -> throw new IllegalStateException("temporal type " + type);
            }
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            switch (builder) {
                case Int32Array.Builder b -> b.append((int) value);
                case Int64Array.Builder b -> b.append(value);
                default -> throw new IllegalStateException("temporal builder " + builder.type());
            }
        }
    }

    /** Text (checked to be UTF-8) and binary (decoded from hex or Base64). */
    static final class BytesParser extends ColumnParser {
        private final ArrayBuilder builder;
        private final boolean utf8;
        private final BinaryEncoding encoding;
        private byte[] array;
        private int offset;
        private int length;

        BytesParser(ArrayBuilder builder, boolean utf8, BinaryEncoding encoding) {
            this.builder = builder;
            this.utf8 = utf8;
            this.encoding = encoding;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            if (utf8) {
                if (!Text.isUtf8(a, off, len)) {
                    return false;
                }
                array = a;
                offset = off;
                length = len;
                return true;
            }
            byte[] decoded = decodeBinary(a, off, len, encoding);
            if (decoded == null || (builder instanceof FixedSizeBinaryArray.Builder
                    && decoded.length != ((DataType.FixedSizeBinary) builder.type()).byteWidth())) {
                return false;
            }
            array = decoded;
            offset = 0;
            length = decoded.length;
            return true;
        }

        static byte[] decodeBinary(byte[] a, int off, int len, BinaryEncoding encoding) {
            try {
                if (encoding == BinaryEncoding.BASE64) {
                    return Base64.getDecoder().decode(java.util.Arrays.copyOfRange(a, off, off + len));
                }
                return HexFormat.of().parseHex(Text.ascii(a, off, len));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            switch (builder) {
                case BinaryArray.Builder b -> b.append(array, offset, length);
                case BinaryViewArray.Builder b -> b.append(java.lang.foreign.MemorySegment.ofArray(array)
                        .asSlice(offset, length));
                case FixedSizeBinaryArray.Builder b -> b.append(array);
                default -> throw new IllegalStateException("bytes builder " + builder.type());
            }
        }
    }

    /** arrow.uuid from its canonical text form. */
    static final class UuidParser extends ColumnParser {
        private final ExtensionArray.Builder builder;
        private final byte[] value = new byte[16];

        UuidParser(ExtensionArray.Builder builder) {
            this.builder = builder;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            if (len != 36 || a[off + 8] != '-' || a[off + 13] != '-' || a[off + 18] != '-' || a[off + 23] != '-') {
                return false;
            }
            String hex = Text.ascii(a, off, len).replace("-", "");
            try {
                byte[] bytes = HexFormat.of().parseHex(hex);
                System.arraycopy(bytes, 0, value, 0, 16);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            builder.storage().as(FixedSizeBinaryArray.Builder.class).append(value.clone());
        }
    }

    /** A value type parsed to the Java object a dictionary builder takes. */
    static final class ObjectParser extends ColumnParser {
        private final DataType type;
        private final BinaryEncoding encoding;
        private Object value;

        ObjectParser(DataType type, BinaryEncoding encoding) {
            this.type = type;
            this.encoding = encoding;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            value = switch (type) {
                case DataType.Utf8 u -> Text.isUtf8(a, off, len) ? new String(a, off, len, StandardCharsets.UTF_8) : null;
                case DataType.LargeUtf8 u -> Text.isUtf8(a, off, len) ? new String(a, off, len, StandardCharsets.UTF_8) : null;
                case DataType.Utf8View u -> Text.isUtf8(a, off, len) ? new String(a, off, len, StandardCharsets.UTF_8) : null;
                case DataType.Int i -> i.bitWidth() == 64 && !i.signed()
                        ? unsigned64(a, off, len) : text.parseLong(a, off, len) ? (Object) text.longValue : null;
                case DataType.FloatingPoint f -> text.parseDouble(a, off, len)
                        ? (f.precision() == dev.lightstream.schema.Precision.DOUBLE ? (Object) text.doubleValue
                                : (Object) (float) text.doubleValue) : null;
                case DataType.Decimal d -> DecimalParser.parseDecimal(text, a, off, len, d);
                case DataType.Bool b -> switch (BoolParser.parseBool(a, off, len)) {
                    case 1 -> Boolean.TRUE;
                    case 0 -> Boolean.FALSE;
                    default -> null;
                };
                case DataType.Date d -> temporal(a, off, len, d);
                case DataType.Timestamp t -> temporal(a, off, len, t);
                default -> BytesParser.decodeBinary(a, off, len, encoding);
            };
            return value != null;
        }

        private Object temporal(byte[] a, int off, int len, DataType t) {
            try {
                Long v = TemporalParser.parseTemporal(text, a, off, len, t);
                return v == null ? null : t instanceof DataType.Date d && d.bitWidth() == 32 ? (Object) v.intValue() : v;
            } catch (ArithmeticException e) {
                return null;
            }
        }

        private static Object unsigned64(byte[] a, int off, int len) {
            try {
                BigInteger v = new BigInteger(Text.ascii(a, off, len));
                return v.signum() < 0 || v.bitLength() > 64 ? null : v;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        Object value() {
            return value;
        }

        @Override
        ArrayBuilder builder() {
            throw new UnsupportedOperationException();
        }

        @Override
        void append() {
            throw new UnsupportedOperationException();
        }
    }

    static final class DictionaryParser extends ColumnParser {
        private final DictionaryArray.Builder builder;
        private final ColumnParser values;

        DictionaryParser(DictionaryArray.Builder builder, ColumnParser values) {
            this.builder = builder;
            this.values = values;
        }

        @Override
        boolean parse(byte[] a, int off, int len) {
            return values.parse(a, off, len);
        }

        @Override
        ArrayBuilder builder() {
            return builder;
        }

        @Override
        void append() {
            builder.append(values.value());
        }
    }
}
