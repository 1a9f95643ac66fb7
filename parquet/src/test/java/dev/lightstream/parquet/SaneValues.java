package dev.lightstream.parquet;

import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Random values, as {@code ArrayBuilder.appendObject} takes them, inside the ranges every engine
 * holds (DuckDB keeps the extreme dates and timestamps for infinities, for example): for the tests
 * that compare with DuckDB. {@code RandomData} covers the extremes in our own round trips.
 */
final class SaneValues {
    private static final String[] WORDS = {"", "a", "zürich", "東京", "emoji 😀", "comma,quote\"", "line\nbreak", "NULL"};
    private final RandomGenerator random;

    SaneValues(RandomGenerator random) {
        this.random = random;
    }

    /** A value of {@code field}, null one time in five when the field is nullable. */
    Object value(Field field) {
        if (field.nullable() && random.nextInt(5) == 0) {
            return null;
        }
        return value(field.type());
    }

    Object value(DataType type) {
        return switch (type) {
            case DataType.Bool b -> random.nextBoolean();
            case DataType.Int i -> integer(i);
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> new float[] {0f, -1.5f, 2.25f, 65504f, -0.125f, 1024f}[random.nextInt(6)];
                case SINGLE -> random.nextInt(10) == 0 ? Float.NaN : (float) (random.nextGaussian() * 1e6);
                case DOUBLE -> random.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 1e12;
            };
            case DataType.Decimal d -> {
                BigInteger bound = BigInteger.TEN.pow(d.precision());
                BigInteger unscaled = new BigInteger(bound.bitLength() + 8, new java.util.Random(random.nextLong())).mod(bound);
                yield new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), d.scale());
            }
            case DataType.Date d -> d.bitWidth() == 32 ? (Object) random.nextInt(-200_000, 200_000)
                    : (Object) (random.nextLong(-200_000, 200_000) * 86_400_000L);
            case DataType.Time t -> switch (t.unit()) {
                case SECOND -> random.nextInt(86_400);
                case MILLISECOND -> random.nextInt(86_400_000);
                case MICROSECOND -> random.nextLong(86_400_000_000L);
                case NANOSECOND -> random.nextLong(86_400_000_000_000L);
            };
            case DataType.Timestamp t -> random.nextLong(-4_000_000_000L, 4_000_000_000L) * t.unit().perSecond()
                    / (t.unit().perSecond() > 1_000_000 ? 2 : 1) + random.nextLong(t.unit().perSecond());
            case DataType.Duration d -> random.nextLong();
            case DataType.Interval i -> switch (i.unit()) {
                case YEAR_MONTH -> Map.of("months", random.nextInt(200));
                case DAY_TIME -> Map.of("days", random.nextInt(60), "milliseconds", random.nextInt(86_400_000));
                case MONTH_DAY_NANO -> Map.of("months", random.nextInt(200), "days", random.nextInt(60),
                        "nanoseconds", random.nextLong(86_400_000L) * 1_000_000L);
            };
            case DataType.Utf8 u -> word();
            case DataType.LargeUtf8 u -> word();
            case DataType.Utf8View u -> word() + (random.nextBoolean() ? " and a longer tail past twelve bytes" : "");
            case DataType.Binary b -> bytes(random.nextInt(20));
            case DataType.LargeBinary b -> bytes(random.nextInt(20));
            case DataType.BinaryView b -> bytes(random.nextInt(30));
            case DataType.FixedSizeBinary f -> bytes(f.byteWidth());
            case DataType.Extension e -> value(e.storage());
            case DataType.Dictionary d -> new String[] {"red", "green", "blue"}[random.nextInt(3)];
            case DataType.List l -> list(l.element(), random.nextInt(4));
            case DataType.LargeList l -> list(l.element(), random.nextInt(4));
            case DataType.FixedSizeList l -> list(l.element(), l.listSize());
            case DataType.Struct s -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Field f : s.fields()) {
                    map.put(f.name(), value(f));
                }
                yield map;
            }
            case DataType.Map m -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.put(value(m.key().type()), value(m.value()));
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("no sane values of " + type);
        };
    }

    private Object integer(DataType.Int i) {
        if (i.bitWidth() == 64 && !i.signed()) {
            return new BigInteger(64, new java.util.Random(random.nextLong()));
        }
        long min = i.signed() ? -(1L << (i.bitWidth() - 1)) : 0;
        long max = i.bitWidth() == 64 ? Long.MAX_VALUE : (i.signed() ? (1L << (i.bitWidth() - 1)) - 1 : (1L << i.bitWidth()) - 1);
        long v = switch (random.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> i.bitWidth() == 64 ? random.nextLong() : random.nextLong(min, max + 1);
        };
        return v;
    }

    private List<Object> list(Field element, int n) {
        List<Object> list = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            list.add(value(element));
        }
        return list;
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
