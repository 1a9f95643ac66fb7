package dev.lightstream.schema;

/** Floating-point widths. */
public enum Precision {
    HALF(2),
    SINGLE(4),
    DOUBLE(8);

    private final int byteWidth;

    Precision(int byteWidth) {
        this.byteWidth = byteWidth;
    }

    /** Bytes per value. */
    public int byteWidth() {
        return byteWidth;
    }
}
