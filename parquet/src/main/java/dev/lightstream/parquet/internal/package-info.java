/**
 * The machinery under {@link dev.lightstream.parquet}: the schema mapping, the level writers, the
 * record assembly into Arrow builders, the codec factory and the file adapters. Not exported.
 */
package dev.lightstream.parquet.internal;
