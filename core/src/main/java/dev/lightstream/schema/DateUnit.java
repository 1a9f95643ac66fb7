package dev.lightstream.schema;

/** The storage of date values: days since the epoch in 32 bits, or milliseconds in 64 bits. */
public enum DateUnit {
    DAY,
    MILLISECOND
}
