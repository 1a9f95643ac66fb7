package dev.lightstream.ipc.internal;

import dev.lightstream.schema.DataType;

/** Bytes per value of the fixed-width types (0 for the others; bool is bit-packed). */
final class FixedWidths {
    private FixedWidths() {}

    static int byteWidth(DataType type) {
        return switch (type) {
            case DataType.Int i -> i.byteWidth();
            case DataType.FloatingPoint f -> f.precision().byteWidth();
            case DataType.Decimal d -> d.byteWidth();
            case DataType.Date d -> d.bitWidth() / 8;
            case DataType.Time t -> t.bitWidth() / 8;
            case DataType.Timestamp t -> 8;
            case DataType.Duration d -> 8;
            case DataType.Interval i -> i.unit().byteWidth();
            case DataType.FixedSizeBinary f -> f.byteWidth();
            default -> 0;
        };
    }
}
