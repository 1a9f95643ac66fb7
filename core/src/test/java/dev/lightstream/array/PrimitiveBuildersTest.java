package dev.lightstream.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.IntervalUnit;
import dev.lightstream.schema.TimeUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builders of the null, boolean, integer, floating-point, decimal, interval and fixed-size binary arrays. */
class PrimitiveBuildersTest extends AllocatorFixture {

    @Test
    void nullArray() {
        NullArray array = NullArray.builder(allocator).appendNull().appendNulls(4).appendObject(null).build(owner);
        assertThat(array.length()).isEqualTo(6);
        assertThat(array.nullCount()).isEqualTo(6);
        assertThat(array.isNull(5)).isTrue();
        assertThat(array.slice(2, 3).nullCount()).isEqualTo(3);
        assertThat(owner).isEmpty();
        assertThatThrownBy(() -> NullArray.builder(allocator).appendObject(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void booleans() {
        BooleanArray.Builder builder = BooleanArray.builder(allocator);
        for (int i = 0; i < 70; i++) {
            if (i % 7 == 3) {
                builder.appendNull();
            } else {
                builder.append(i % 3 == 0);
            }
        }
        BooleanArray array = builder.build(owner);
        assertThat(array.length()).isEqualTo(70);
        assertThat(array.nullCount()).isEqualTo(10);
        for (int i = 0; i < 70; i++) {
            assertThat(array.getObject(i)).isEqualTo(i % 7 == 3 ? null : i % 3 == 0);
        }
        BooleanArray slice = (BooleanArray) array.slice(9, 50);
        for (int i = 0; i < 50; i++) {
            assertThat(slice.isNull(i)).isEqualTo((i + 9) % 7 == 3);
            if (!slice.isNull(i)) {
                assertThat(slice.get(i)).isEqualTo((i + 9) % 3 == 0);
            }
        }
        assertThat(slice.nullCount()).isEqualTo(7);
        BooleanArray plain = BooleanArray.of(scratch, true, false, true);
        assertThat(objects(plain)).containsExactly(true, false, true);
        assertThat(plain.data().validity()).as("no bitmap without nulls").isNull();
    }

    @Test
    void int8AndUint8() {
        Int8Array signed = Int8Array.builder(allocator).append((byte) -128).appendNull().append((byte) 127)
                .appendObject(-1).build(owner);
        assertThat(objects(signed)).containsExactly((byte) -128, null, (byte) 127, (byte) -1);
        Int8Array unsigned = Int8Array.builder(allocator, DataType.UINT8).appendObject(255).appendObject((short) 0)
                .append((byte) 0x80).build(owner);
        assertThat(unsigned.type()).isEqualTo(DataType.UINT8);
        assertThat(objects(unsigned)).containsExactly((short) 255, (short) 0, (short) 128);
        assertThat(unsigned.getUnsigned(0)).isEqualTo(255);
        assertThatThrownBy(() -> Int8Array.builder(allocator, DataType.UINT8).appendObject(256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> Int8Array.builder(allocator).appendObject(-129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Int8Array.builder(allocator).appendObject(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Int8Array.builder(allocator, DataType.INT16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void int16AndUint16() {
        Int16Array array = Int16Array.of(scratch, (short) 1, Short.MIN_VALUE, Short.MAX_VALUE);
        assertThat(objects(array)).containsExactly((short) 1, Short.MIN_VALUE, Short.MAX_VALUE);
        Int16Array unsigned = Int16Array.builder(allocator, DataType.UINT16).appendObject(65535).appendNull()
                .build(owner);
        assertThat(objects(unsigned)).containsExactly(65535, null);
        assertThat(unsigned.get(0)).isEqualTo((short) -1);
    }

    @Test
    void int32Types() {
        Int32Array ints = Int32Array.builder(allocator).append(7).appendNull().append(Integer.MIN_VALUE).build(owner);
        assertThat(objects(ints)).containsExactly(7, null, Integer.MIN_VALUE);
        Int32Array unsigned = Int32Array.builder(allocator, DataType.UINT32).appendObject(4_294_967_295L).build(owner);
        assertThat(unsigned.getObject(0)).isEqualTo(4_294_967_295L);
        Int32Array days = Int32Array.builder(allocator, DataType.DATE32).append(19_000).build(owner);
        assertThat(days.type()).isEqualTo(DataType.DATE32);
        assertThat(days.getObject(0)).isEqualTo(19_000);
        Int32Array millis = Int32Array.builder(allocator, DataType.time(TimeUnit.MILLISECOND)).append(1000).build(owner);
        assertThat(millis.get(0)).isEqualTo(1000);
        assertThatThrownBy(() -> Int32Array.builder(allocator, DataType.time(TimeUnit.NANOSECOND)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Int32Array.builder(allocator, DataType.UINT32).appendObject(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void int64Types() {
        for (DataType type : new DataType[] {DataType.INT64, DataType.DATE64, DataType.time(TimeUnit.MICROSECOND),
            DataType.timestamp(TimeUnit.NANOSECOND, "UTC"), DataType.timestamp(TimeUnit.SECOND, null),
            DataType.duration(TimeUnit.MILLISECOND)}) {
            Int64Array array = Int64Array.builder(allocator, type).append(Long.MIN_VALUE).appendNull()
                    .append(Long.MAX_VALUE).appendObject(5).build(owner);
            assertThat(array.type()).isEqualTo(type);
            assertThat(objects(array)).containsExactly(Long.MIN_VALUE, null, Long.MAX_VALUE, 5L);
        }
        BigInteger max = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        Int64Array unsigned = Int64Array.builder(allocator, DataType.UINT64).appendObject(max).appendObject(3L)
                .build(owner);
        assertThat(objects(unsigned)).containsExactly(max, BigInteger.valueOf(3));
        assertThat(unsigned.get(0)).isEqualTo(-1L);
        assertThatThrownBy(() -> Int64Array.builder(allocator, DataType.UINT64).appendObject(max.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Int64Array.builder(allocator).appendObject(BigInteger.TWO.pow(63)))
                .isInstanceOf(IllegalArgumentException.class);
        Int64Array sliced = (Int64Array) Int64Array.of(scratch, 10, 11, 12, 13).slice(1, 2);
        assertThat(sliced.get(0)).isEqualTo(11);
        assertThat(sliced.get(1)).isEqualTo(12);
    }

    @Test
    void floats() {
        Float16Array halves = Float16Array.builder(allocator).append(1.5f).appendNull().appendBits((short) 0x7E01)
                .append(65504f).build(owner);
        assertThat(halves.getObject(0)).isEqualTo(1.5f);
        assertThat(halves.isNull(1)).isTrue();
        assertThat(halves.get(2)).isEqualTo((short) 0x7E01);
        assertThat(halves.getFloat(3)).isEqualTo(65504f);
        Float32Array singles = Float32Array.of(scratch, -0.0f, Float.NaN, Float.MIN_VALUE);
        assertThat(Float.floatToRawIntBits(singles.get(0))).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(singles.get(1)).isNaN();
        assertThat(singles.get(2)).isEqualTo(Float.MIN_VALUE);
        Float64Array doubles = Float64Array.builder(allocator).append(Math.PI).appendObject(2).appendNull()
                .build(owner);
        assertThat(objects(doubles)).containsExactly(Math.PI, 2.0, null);
        assertThat(((Float64Array) doubles.slice(1, 1)).get(0)).isEqualTo(2.0);
        assertThatThrownBy(() -> Float64Array.builder(allocator).appendObject("1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsOfEveryWidth() {
        for (int width : new int[] {32, 64, 128, 256}) {
            int precision = switch (width) {
                case 32 -> 9;
                case 64 -> 18;
                case 128 -> 38;
                default -> 76;
            };
            DataType type = DataType.decimal(precision, 2, width);
            BigDecimal max = new BigDecimal(BigInteger.TEN.pow(precision).subtract(BigInteger.ONE), 2);
            DecimalArray array = DecimalArray.builder(allocator, type).append(new BigDecimal("12.5"))
                    .appendUnscaled(-1999).appendNull().append(max).append(max.negate())
                    .appendUnscaled(BigInteger.valueOf(7)).build(owner);
            assertThat(array.byteWidth()).isEqualTo(width / 8);
            assertThat(objects(array)).as("decimal%d", width).containsExactly(new BigDecimal("12.50"),
                    new BigDecimal("-19.99"), null, max, max.negate(), new BigDecimal("0.07"));
            assertThat(array.getUnscaled(1)).isEqualTo(BigInteger.valueOf(-1999));
            assertThat(((DecimalArray) array.slice(3, 2)).get(1)).isEqualTo(max.negate());
        }
        DecimalArray.Builder builder = DecimalArray.builder(allocator, DataType.decimal(5, 1, 32));
        assertThatThrownBy(() -> builder.append(new BigDecimal("1.25"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounding");
        assertThatThrownBy(() -> builder.appendUnscaled(1L << 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecimalArray.builder(allocator, DataType.INT32)).isInstanceOf(IllegalArgumentException.class);
        builder.close();
    }

    @Test
    void intervalsOfEveryUnit() {
        IntervalArray months = IntervalArray.builder(allocator, IntervalUnit.YEAR_MONTH).appendYearMonth(14)
                .appendNull().appendObject(Map.of("months", -3)).build(owner);
        assertThat(objects(months)).containsExactly(Map.of("months", 14), null, Map.of("months", -3));
        IntervalArray dayTime = IntervalArray.builder(allocator, IntervalUnit.DAY_TIME).appendDayTime(2, 500)
                .appendObject(Map.of("days", 1)).build(owner);
        assertThat(dayTime.getDays(0)).isEqualTo(2);
        assertThat(dayTime.getMillis(0)).isEqualTo(500);
        assertThat(dayTime.getObject(1)).isEqualTo(Map.of("days", 1, "milliseconds", 0));
        IntervalArray nanos = IntervalArray.builder(allocator, IntervalUnit.MONTH_DAY_NANO)
                .appendMonthDayNano(1, 2, Long.MAX_VALUE).appendMonthDayNano(-1, -2, -3).build(owner);
        IntervalArray slice = (IntervalArray) nanos.slice(1, 1);
        assertThat(slice.getMonths(0)).isEqualTo(-1);
        assertThat(slice.getDays(0)).isEqualTo(-2);
        assertThat(slice.getNanos(0)).isEqualTo(-3);
        assertThat(nanos.getNanos(0)).isEqualTo(Long.MAX_VALUE);
        IntervalArray.Builder wrong = IntervalArray.builder(allocator, IntervalUnit.YEAR_MONTH);
        assertThatThrownBy(() -> wrong.appendDayTime(1, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> wrong.appendObject(Map.of("days", 1))).isInstanceOf(IllegalArgumentException.class);
        wrong.close();
    }

    @Test
    void fixedSizeBinary() {
        FixedSizeBinaryArray array = FixedSizeBinaryArray.builder(allocator, 3).append(new byte[] {1, 2, 3})
                .appendNull().appendObject(new byte[] {9, 8, 7}).build(owner);
        assertThat(array.byteWidth()).isEqualTo(3);
        assertThat(array.getBytes(0)).containsExactly(1, 2, 3);
        assertThat(array.isNull(1)).isTrue();
        assertThat(((FixedSizeBinaryArray) array.slice(2, 1)).getBytes(0)).containsExactly(9, 8, 7);
        assertThatThrownBy(() -> FixedSizeBinaryArray.builder(allocator, 3).append(new byte[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 bytes");
    }

    @Test
    void buffersAreAlignedPaddedAndGrowByDoubling() {
        Int64Array.Builder builder = Int64Array.builder(allocator);
        long before = allocator.totalAllocations();
        for (int i = 0; i < 10_000; i++) {
            builder.append(i);
        }
        long allocations = allocator.totalAllocations() - before;
        assertThat(allocations).as("doubling from 64 bytes to 80 KB").isLessThanOrEqualTo(12);
        Int64Array array = builder.build(owner);
        assertThat(array.data().validity()).isNull();
        assertThat(array.values().address() % 64).isZero();
        assertThat(array.values().byteSize()).as("80 000 bytes, padded").isEqualTo(80_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(array.get(i)).isEqualTo(i);
        }
        assertThat(owner).hasSize(1);
    }

    @Test
    void validityIsMaterialisedAtTheFirstNullWithEarlierSlotsValid() {
        Int32Array.Builder builder = Int32Array.builder(allocator);
        for (int i = 0; i < 100; i++) {
            builder.append(i);
        }
        builder.appendNull().append(101);
        Int32Array array = builder.build(owner);
        assertThat(array.nullCount()).isEqualTo(1);
        assertThat(array.data().validity().address() % 64).isZero();
        for (int i = 0; i < 102; i++) {
            assertThat(array.isNull(i)).as("slot %d", i).isEqualTo(i == 100);
        }
    }

    @Test
    void aBuilderStartsOverAfterBuildAndReleasesOnClose() {
        Int32Array.Builder builder = Int32Array.builder(allocator).append(1).appendNull();
        Int32Array first = builder.build(owner);
        assertThat(builder.length()).isZero();
        assertThat(builder.nullCount()).isZero();
        builder.append(5);
        Int32Array second = builder.build(owner);
        assertThat(objects(first)).containsExactly(1, null);
        assertThat(objects(second)).containsExactly(5);
        assertThat(second.data().validity()).isNull();
        builder.append(6).appendNull();
        builder.close();   // the unbuilt slots' memory goes back now, or the allocator reports a leak
        assertThatThrownBy(() -> builder.append(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void buildWithoutOwnerLeavesTheMemoryToTheAllocator() {
        BufferAllocator own = BufferAllocator.create();
        Int32Array array = Int32Array.of(own, 1, 2, 3);
        assertThat(array.get(2)).isEqualTo(3);
        assertThat(own.allocatedBytes()).as("one 64-byte block, still live").isEqualTo(64);
        own.close();
        assertThatThrownBy(() -> array.get(0)).isInstanceOf(IllegalStateException.class);
    }
}
