package dev.lightstream.array;

import dev.lightstream.schema.DataType;
import java.lang.foreign.MemorySegment;
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
}
