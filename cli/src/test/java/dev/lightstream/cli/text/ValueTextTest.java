package dev.lightstream.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.array.Array;
import dev.lightstream.array.ArrayBuilder;
import dev.lightstream.array.RunEndEncodedArray;
import dev.lightstream.array.UnionArray;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.Field;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cell text of every kind of value: the human forms {@code lightstream cat} promises. */
class ValueTextTest {
    // Arrays built here leave their memory to the allocator, which frees it when closed.
    private final BufferAllocator allocator = BufferAllocator.create();

    @AfterEach
    void close() {
        allocator.close();
    }

    /** Every slot of an array of {@code type} holding {@code values}, as text. */
    private List<String> texts(int width, DataType type, Object... values) {
        Array array = ArrayBuilder.fromObjects(allocator, type, values);
        ValueText text = new ValueText(width);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            out.add(text.format(array, i));
        }
        return out;
    }

    private List<String> texts(DataType type, Object... values) {
        return texts(200, type, values);
    }

    @Test
    void numbersAndNulls() {
        assertThat(texts(DataType.INT64, 1L, null, -5L)).containsExactly("1", "null", "-5");
        assertThat(texts(DataType.UINT8, 255)).containsExactly("255");
        assertThat(texts(DataType.UINT16, 65535)).containsExactly("65535");
        assertThat(texts(DataType.UINT32, 4294967295L)).containsExactly("4294967295");
        assertThat(texts(DataType.UINT64, new BigInteger("18446744073709551615"))).containsExactly("18446744073709551615");
        assertThat(texts(DataType.FLOAT64, 1.5, Double.NaN)).containsExactly("1.5", "NaN");
        assertThat(texts(DataType.FLOAT32, 0.25f)).containsExactly("0.25");
        assertThat(texts(DataType.FLOAT16, 0.5f)).containsExactly("0.5");
        assertThat(texts(DataType.BOOL, true, false, null)).containsExactly("true", "false", "null");
        assertThat(texts(DataType.NULL, (Object) null)).containsExactly("null");
    }

    @Test
    void decimalsInPlainNotation() {
        assertThat(texts(DataType.decimal(12, 2), new BigDecimal("12.50"), new BigDecimal("-0.05"),
                new BigDecimal("1E+3").setScale(2)))
                .containsExactly("12.50", "-0.05", "1000.00");
        assertThat(texts(DataType.decimal(40, 0, 256), new BigDecimal("123456789012345678901234567890")))
                .containsExactly("123456789012345678901234567890");
    }

    @Test
    void datesAndTimes() {
        assertThat(texts(DataType.DATE32, 19782, -1, 0)).containsExactly("2024-02-29", "1969-12-31", "1970-01-01");
        // date64 is milliseconds; a time of day shows only when there is one.
        assertThat(texts(DataType.DATE64, 19782L * 86_400_000, 86_400_000L + 1500))
                .containsExactly("2024-02-29", "1970-01-02 00:00:01.500");
        assertThat(texts(DataType.time(TimeUnit.SECOND), 3661)).containsExactly("01:01:01");
        assertThat(texts(DataType.time(TimeUnit.MILLISECOND), 45_000_250)).containsExactly("12:30:00.250");
        assertThat(texts(DataType.time(TimeUnit.MICROSECOND), 1L)).containsExactly("00:00:00.000001");
        assertThat(texts(DataType.time(TimeUnit.NANOSECOND), 86_399_999_999_999L)).containsExactly("23:59:59.999999999");
        // Outside a day: the number and unit, not an error.
        assertThat(texts(DataType.time(TimeUnit.SECOND), 90_000, -1)).containsExactly("90000s", "-1s");
    }

    @Test
    void timestampsWithTheDigitsOfTheirUnitAndTheirZone() {
        long t = 1_700_000_000L; // 2023-11-14 22:13:20 UTC
        assertThat(texts(DataType.timestamp(TimeUnit.SECOND, null), t)).containsExactly("2023-11-14 22:13:20");
        assertThat(texts(DataType.timestamp(TimeUnit.MILLISECOND, "UTC"), t * 1000 + 123))
                .containsExactly("2023-11-14 22:13:20.123Z");
        assertThat(texts(DataType.timestamp(TimeUnit.MICROSECOND, "+05:30"), t * 1_000_000))
                .containsExactly("2023-11-15 03:43:20.000000+05:30");
        assertThat(texts(DataType.timestamp(TimeUnit.NANOSECOND, null), -1L))
                .containsExactly("1969-12-31 23:59:59.999999999");
        // A zone with daylight saving time: 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT (2024-03-10).
        long dst = 1_710_055_800L;
        assertThat(texts(DataType.timestamp(TimeUnit.SECOND, "America/New_York"), dst - 3600, dst))
                .containsExactly("2024-03-10 01:30:00-05:00", "2024-03-10 03:30:00-04:00");
        // Beyond the calendar: the number, unit and zone.
        assertThat(texts(DataType.timestamp(TimeUnit.SECOND, "UTC"), Long.MAX_VALUE))
                .containsExactly(Long.MAX_VALUE + "s UTC");
    }

    @Test
    void durationsAndIntervalsInIso8601() {
        assertThat(texts(DataType.duration(TimeUnit.SECOND), 5400L, -1L)).containsExactly("PT1H30M", "PT-1S");
        assertThat(texts(DataType.duration(TimeUnit.NANOSECOND), 1L)).containsExactly("PT0.000000001S");
        assertThat(texts(DataType.interval(IntervalUnit.YEAR_MONTH), Map.of("months", 14), Map.of("months", 0)))
                .containsExactly("P1Y2M", "P0D");
        assertThat(texts(DataType.interval(IntervalUnit.DAY_TIME), dayTime(3, 500), dayTime(0, 3_600_000)))
                .containsExactly("P3DT0.5S", "PT1H");
        assertThat(texts(DataType.interval(IntervalUnit.MONTH_DAY_NANO), monthDayNano(1, 2, 3)))
                .containsExactly("P1M2DT0.000000003S");
    }

    private static Map<String, Number> dayTime(int days, int millis) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("days", days);
        m.put("milliseconds", millis);
        return m;
    }

    private static Map<String, Number> monthDayNano(int months, int days, long nanos) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("months", months);
        m.put("days", days);
        m.put("nanoseconds", nanos);
        return m;
    }

    @Test
    void textIsShownAsItIsWithControlCharactersEscaped() {
        assertThat(texts(DataType.UTF8, "Zürich 東京", "a\tb\nc", "say \"hi\"", ""))
                .containsExactly("Zürich 東京", "a\\tb\\nc", "say \"hi\"", "");
        assertThat(texts(DataType.UTF8_VIEW, "a view longer than twelve bytes")).containsExactly("a view longer than twelve bytes");
        assertThat(texts(DataType.LARGE_UTF8, "\u0001")).containsExactly("\\u0001");
    }

    @Test
    void binaryAsHex() {
        assertThat(texts(DataType.BINARY, new byte[] {0x0a, (byte) 0xff}, new byte[0]))
                .containsExactly("0x0aff", "0x");
        assertThat(texts(DataType.fixedSizeBinary(3), new byte[] {1, 2, 3})).containsExactly("0x010203");
        assertThat(texts(DataType.BINARY_VIEW, new byte[] {(byte) 0xab})).containsExactly("0xab");
    }

    @Test
    void nestedValuesAsCompactJsonLikeText() {
        assertThat(texts(DataType.list(DataType.INT32), List.of(1, 2), List.of(), null, Arrays.asList(3, null)))
                .containsExactly("[1, 2]", "[]", "null", "[3, null]");
        assertThat(texts(DataType.list(DataType.UTF8), List.of("a", "b\"c")))
                .containsExactly("[\"a\", \"b\\\"c\"]");
        assertThat(texts(DataType.fixedSizeList(DataType.FLOAT64, 2), List.of(0.5, 1.5))).containsExactly("[0.5, 1.5]");
        assertThat(texts(DataType.largeListView(DataType.INT8), List.of(7))).containsExactly("[7]");
        DataType point = DataType.struct(Field.of("x", DataType.FLOAT64), Field.nullable("label", DataType.UTF8));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("x", 1.5);
        p.put("label", null);
        assertThat(texts(point, p, null)).containsExactly("{\"x\": 1.5, \"label\": null}", "null");
        DataType map = DataType.map(DataType.UTF8, DataType.INT32, false);
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 2);
        assertThat(texts(map, m)).containsExactly("{\"a\": 1, \"b\": 2}");
        DataType dates = DataType.list(DataType.DATE32);
        assertThat(texts(dates, List.of(19782))).containsExactly("[2024-02-29]");
    }

    @Test
    void encodedValuesShowTheValueTheyStandFor() {
        assertThat(texts(DataType.dictionary(DataType.INT8, DataType.UTF8), "Oslo", "Lima", "Oslo", null))
                .containsExactly("Oslo", "Lima", "Oslo", "null");
        assertThat(texts(DataType.extension("my.uuid", DataType.fixedSizeBinary(2), ""), new byte[] {1, 2}))
                .containsExactly("0x0102");
        DataType union = DataType.denseUnion(Field.nullable("i", DataType.INT32), Field.nullable("s", DataType.UTF8));
        UnionArray.Builder u = UnionArray.builder(allocator, union).append(0, 5).append(1, "five").append(1, null);
        Array unionArray = u.build();
        ValueText text = new ValueText(50);
        assertThat(List.of(text.format(unionArray, 0), text.format(unionArray, 1), text.format(unionArray, 2)))
                .containsExactly("5", "five", "null");
        RunEndEncodedArray.Builder runs = RunEndEncodedArray.builder(allocator,
                DataType.runEndEncoded(DataType.INT32, DataType.UTF8));
        runs.appendRun("x", 2).appendRun(null, 1).appendRun("y", 1);
        Array ree = runs.build();
        assertThat(List.of(text.format(ree, 0), text.format(ree, 1), text.format(ree, 2), text.format(ree, 3)))
                .containsExactly("x", "x", "null", "y");
    }

    @Test
    void longValuesAreCutWithAnEllipsisAndReadNoFurther() {
        String longText = "abcdefghij".repeat(1000);
        assertThat(texts(8, DataType.UTF8, longText, "short", "exactly8")).containsExactly("abcdefg…", "short", "exactly8");
        assertThat(texts(6, DataType.UTF8, "東京東京東京東京")).containsExactly("東京東京東…");
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(i);
        }
        assertThat(texts(12, DataType.list(DataType.INT32), many)).containsExactly("[0, 1, 2, 3…");
        assertThat(texts(6, DataType.BINARY, new byte[1000])).containsExactly("0x000…");
    }

    @Test
    void cutCountsCodePoints() {
        assertThat(ValueText.cut("😀😀😀", 3)).isEqualTo("😀😀😀");
        assertThat(ValueText.cut("😀😀😀😀", 3)).isEqualTo("😀😀…");
    }
}
