package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import dev.lightstream.memory.BufferAllocator;
import dev.lightstream.memory.MemoryBlock;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Fixed-point decimals of 32, 64, 128 or 256 bits: little-endian two's-complement unscaled values.
 */
public final class DecimalArray extends Array {
    private final MemorySegment values;
    private final int byteWidth;
    private final int scale;

    DecimalArray(ArrayData data) {
        super(data);
        DataType.Decimal type = (DataType.Decimal) data.type();
        this.values = data.buffer(1);
        this.byteWidth = type.byteWidth();
        this.scale = type.scale();
    }

    /** The unscaled value of slot {@code index}. */
    public BigInteger getUnscaled(int index) {
        checkIndex(index);
        long base = ((long) offset + index) * byteWidth;
        if (byteWidth == 4) {
            return BigInteger.valueOf(values.get(LE.INT, base));
        }
        if (byteWidth == 8) {
            return BigInteger.valueOf(values.get(LE.LONG, base));
        }
        byte[] bigEndian = new byte[byteWidth];
        for (int i = 0; i < byteWidth; i++) {
            bigEndian[byteWidth - 1 - i] = values.get(LE.BYTE, base + i);
        }
        return new BigInteger(bigEndian);
    }

    /**
     * The unscaled value of slot {@code index} as a long, for decimal32 and decimal64.
     *
     * @throws UnsupportedOperationException for wider decimals
     */
    public long getUnscaledLong(int index) {
        checkIndex(index);
        long base = ((long) offset + index) * byteWidth;
        return switch (byteWidth) {
            case 4 -> values.get(LE.INT, base);
            case 8 -> values.get(LE.LONG, base);
            default -> throw new UnsupportedOperationException("decimal" + byteWidth * 8 + " does not fit a long");
        };
    }

    public BigDecimal get(int index) {
        return new BigDecimal(getUnscaled(index), scale);
    }

    public int byteWidth() {
        return byteWidth;
    }

    /** The values buffer, from the start of the underlying data (the array offset is not applied). */
    public MemorySegment values() {
        return values;
    }

    @Override
    public Object getObject(int index) {
        return isNull(index) ? null : get(index);
    }

    /**
     * A builder of decimals of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a {@link DataType.Decimal}
     */
    public static Builder builder(BufferAllocator allocator, DataType type) {
        if (!(type instanceof DataType.Decimal d)) {
            throw new IllegalArgumentException(type + " is not a decimal type");
        }
        return new Builder(allocator, d);
    }

    /**
     * Builds {@link DecimalArray}s from {@link BigDecimal}s (rescaled to the type's scale without
     * rounding) or from unscaled integers. A value must fit the bit width; the precision is not
     * enforced, as {@link ArrayValidator} does not check it either.
     *
     * {@snippet :
     * DecimalArray prices = DecimalArray.builder(allocator, DataType.decimal(10, 2))
     *         .append(new BigDecimal("12.50"))
     *         .appendUnscaled(-1999)          // -19.99
     *         .build(owner);
     * }
     */
    public static final class Builder extends ArrayBuilder {
        private final BufferBuilder values;
        private final int byteWidth;
        private final int scale;

        Builder(BufferAllocator allocator, DataType.Decimal type) {
            super(allocator, type, true);
            this.values = new BufferBuilder(allocator);
            this.byteWidth = type.byteWidth();
            this.scale = type.scale();
        }

        /**
         * Appends {@code value} at the type's scale.
         *
         * @throws IllegalArgumentException if rescaling would round or the value does not fit
         */
        public Builder append(BigDecimal value) {
            BigDecimal rescaled;
            try {
                rescaled = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("value=" + value + " does not fit " + type + " without rounding");
            }
            return appendUnscaled(rescaled.unscaledValue());
        }

        /**
         * Appends an unscaled value (the decimal is {@code unscaled * 10^-scale}).
         *
         * @throws IllegalArgumentException if it does not fit the bit width
         */
        public Builder appendUnscaled(BigInteger unscaled) {
            if (unscaled.bitLength() >= byteWidth * 8) {
                throw new IllegalArgumentException("unscaled=" + unscaled + " does not fit " + type);
            }
            checkAppend();
            byte[] bigEndian = unscaled.toByteArray();
            byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
            values.reserve(byteWidth);
            for (int i = 0; i < byteWidth; i++) {
                int from = bigEndian.length - 1 - i;
                values.appendByte(from >= 0 ? bigEndian[from] : sign);
            }
            markValid();
            return this;
        }

        /**
         * Appends an unscaled value (sign-extended to the width).
         *
         * @throws IllegalArgumentException if it does not fit a decimal32
         */
        public Builder appendUnscaled(long unscaled) {
            if (byteWidth == 4 && (int) unscaled != unscaled) {
                throw new IllegalArgumentException("unscaled=" + unscaled + " does not fit " + type);
            }
            checkAppend();
            if (byteWidth == 4) {
                values.appendInt((int) unscaled);
            } else {
                values.appendLong(unscaled);
                long sign = unscaled < 0 ? -1L : 0L;
                for (int i = 8; i < byteWidth; i += 8) {
                    values.appendLong(sign);
                }
            }
            markValid();
            return this;
        }

        @Override
        public Builder appendNull() {
            checkAppend();
            values.appendZeros(byteWidth);
            markNull();
            return this;
        }

        /** Takes a {@link BigDecimal}, or an integral number as a whole value (not unscaled). */
        @Override
        public Builder appendObject(Object value) {
            return switch (value) {
                case null -> appendNull();
                case BigDecimal d -> append(d);
                case BigInteger i -> append(new BigDecimal(i));
                case Long l -> append(BigDecimal.valueOf(l));
                case Integer i -> append(BigDecimal.valueOf(i));
                case Short i -> append(BigDecimal.valueOf(i));
                case Byte i -> append(BigDecimal.valueOf(i));
                default -> throw cannotAppend(value);
            };
        }

        @Override
        public DecimalArray build() {
            return (DecimalArray) super.build();
        }

        @Override
        public DecimalArray build(List<MemoryBlock> owner) {
            return (DecimalArray) super.build(owner);
        }

        @Override
        ArrayData finish(List<MemoryBlock> owner) {
            int nulls = nullCount();
            MemorySegment bitmap = validity.finish(owner);
            return new ArrayData(type, length, 0, nulls, new MemorySegment[] {bitmap, values.finish(owner)}, List.of(), null);
        }

        @Override
        void releaseBuffers() {
            values.close();
        }

        @Override
        void appendFiller() {
            appendUnscaled(0);
        }

        @Override
        boolean accepts(Object value) {
            if (!(value instanceof BigDecimal d)) {
                return false;
            }
            try {
                return d.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue().bitLength() < byteWidth * 8;
            } catch (ArithmeticException e) {
                return false;
            }
        }
    }
}
