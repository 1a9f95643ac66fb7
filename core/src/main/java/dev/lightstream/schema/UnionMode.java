package dev.lightstream.schema;

/** Union layouts: sparse (every child as long as the union) or dense (an offsets buffer). */
public enum UnionMode {
    SPARSE,
    DENSE
}
