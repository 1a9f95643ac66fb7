package dev.lightstream.parquet.internal;

import dev.lightstream.array.Array;
import dev.lightstream.array.BinaryArray;
import dev.lightstream.array.BinaryViewArray;
import dev.lightstream.array.BooleanArray;
import dev.lightstream.array.DecimalArray;
import dev.lightstream.array.FixedSizeBinaryArray;
import dev.lightstream.array.Float16Array;
import dev.lightstream.array.Float32Array;
import dev.lightstream.array.Float64Array;
import dev.lightstream.array.Int16Array;
import dev.lightstream.array.Int32Array;
import dev.lightstream.array.Int64Array;
import dev.lightstream.array.Int8Array;
import dev.lightstream.schema.DataType;
import dev.lightstream.schema.TimeUnit;
import java.math.BigInteger;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes the value of one slot of a leaf array (already unwrapped from dictionaries, run-end
 * encoding and extensions) to a Parquet column, converting it to the Parquet representation.
 */
@FunctionalInterface
interface LeafWriter {
    void write(Array array, int index, ColumnWriter out, int rep, int def);

    /** The writer for an Arrow leaf of {@code type}, or null if it has no Parquet representation. */
    static LeafWriter of(DataType type) {
        return switch (type) {
            case DataType.Null n -> (a, i, out, r, d) -> out.writeNull(r, d);
            case DataType.Bool b -> (a, i, out, r, d) -> out.write(((BooleanArray) a).get(i), r, d);
            case DataType.Int t when t.bitWidth() == 8 -> t.signed()
                    ? (a, i, out, r, d) -> out.write((int) ((Int8Array) a).get(i), r, d)
                    : (a, i, out, r, d) -> out.write(((Int8Array) a).getUnsigned(i), r, d);
            case DataType.Int t when t.bitWidth() == 16 -> t.signed()
                    ? (a, i, out, r, d) -> out.write((int) ((Int16Array) a).get(i), r, d)
                    : (a, i, out, r, d) -> out.write(((Int16Array) a).getUnsigned(i), r, d);
            // uint32 travels as the bits of an INT32, as the Parquet spec says.
            case DataType.Int t when t.bitWidth() == 32 -> (a, i, out, r, d) -> out.write(((Int32Array) a).get(i), r, d);
            case DataType.Int t -> (a, i, out, r, d) -> out.write(((Int64Array) a).get(i), r, d);
            case DataType.FloatingPoint f -> switch (f.precision()) {
                case HALF -> (a, i, out, r, d) -> {
                    short bits = ((Float16Array) a).get(i);
                    out.write(Binary.fromConstantByteArray(new byte[] {(byte) bits, (byte) (bits >> 8)}), r, d);
                };
                case SINGLE -> (a, i, out, r, d) -> out.write(((Float32Array) a).get(i), r, d);
                case DOUBLE -> (a, i, out, r, d) -> out.write(((Float64Array) a).get(i), r, d);
            };
            case DataType.Decimal dec -> decimal(dec);
            case DataType.Date date -> date.bitWidth() == 32
                    ? (a, i, out, r, d) -> out.write(((Int32Array) a).get(i), r, d)
                    : (a, i, out, r, d) -> out.write((int) Math.floorDiv(((Int64Array) a).get(i), 86_400_000L), r, d);
            case DataType.Time t -> switch (t.unit()) {
                case SECOND -> (a, i, out, r, d) -> out.write(((Int32Array) a).get(i) * 1000, r, d);
                case MILLISECOND -> (a, i, out, r, d) -> out.write(((Int32Array) a).get(i), r, d);
                default -> (a, i, out, r, d) -> out.write(((Int64Array) a).get(i), r, d);
            };
            case DataType.Timestamp t -> t.unit() == TimeUnit.SECOND
                    ? (a, i, out, r, d) -> out.write(Math.multiplyExact(((Int64Array) a).get(i), 1000L), r, d)
                    : (a, i, out, r, d) -> out.write(((Int64Array) a).get(i), r, d);
            case DataType.Duration t -> (a, i, out, r, d) -> out.write(((Int64Array) a).get(i), r, d);
            case DataType.Binary b -> LeafWriter::binary;
            case DataType.LargeBinary b -> LeafWriter::binary;
            case DataType.Utf8 u -> LeafWriter::binary;
            case DataType.LargeUtf8 u -> LeafWriter::binary;
            case DataType.BinaryView b -> LeafWriter::view;
            case DataType.Utf8View u -> LeafWriter::view;
            case DataType.FixedSizeBinary f ->
                    (a, i, out, r, d) -> out.write(Binary.fromConstantByteArray(((FixedSizeBinaryArray) a).getBytes(i)), r, d);
            // Only arrow.uuid reaches here (other extensions are unwrapped): written as its storage.
            case DataType.Extension e -> of(e.storage());
            default -> null;
        };
    }

    private static void binary(Array a, int i, ColumnWriter out, int r, int d) {
        out.write(Binary.fromConstantByteArray(((BinaryArray) a).getBytes(i)), r, d);
    }

    private static void view(Array a, int i, ColumnWriter out, int r, int d) {
        out.write(Binary.fromConstantByteArray(((BinaryViewArray) a).getBytes(i)), r, d);
    }

    private static long unscaledLong(DecimalArray a, int i, DataType.Decimal type) {
        if (a.byteWidth() <= 8) {
            return a.getUnscaledLong(i);
        }
        BigInteger unscaled = a.getUnscaled(i);
        if (unscaled.bitLength() > (type.precision() <= 9 ? 31 : 63)) {
            throw new IllegalArgumentException("decimal " + unscaled + " does not fit precision " + type.precision());
        }
        return unscaled.longValue();
    }

    /** Decimals by precision: INT32 up to 9 digits, INT64 up to 18, big-endian FIXED_LEN_BYTE_ARRAY above. */
    private static LeafWriter decimal(DataType.Decimal type) {
        if (type.precision() <= 9) {
            return (a, i, out, r, d) -> out.write((int) unscaledLong((DecimalArray) a, i, type), r, d);
        }
        if (type.precision() <= 18) {
            return (a, i, out, r, d) -> out.write(unscaledLong((DecimalArray) a, i, type), r, d);
        }
        int width = ParquetTypes.decimalByteWidth(type.precision());
        return (a, i, out, r, d) -> {
            BigInteger unscaled = ((DecimalArray) a).getUnscaled(i);
            byte[] minimal = unscaled.toByteArray();
            byte[] bytes = new byte[width];
            int pad = width - minimal.length;
            if (pad < 0) {
                throw new IllegalArgumentException("decimal " + unscaled + " does not fit precision " + type.precision());
            }
            byte fill = (byte) (unscaled.signum() < 0 ? -1 : 0);
            java.util.Arrays.fill(bytes, 0, pad, fill);
            System.arraycopy(minimal, 0, bytes, pad, minimal.length);
            out.write(Binary.fromConstantByteArray(bytes), r, d);
        };
    }
}
