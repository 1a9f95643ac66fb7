package dev.lightstream.csv;

/** How binary values are written as CSV text (and read back). */
public enum BinaryEncoding {
    /** Lower-case hexadecimal, two digits per byte, no prefix. */
    HEX,
    /** Standard Base64 (RFC 4648) with padding. */
    BASE64
}
