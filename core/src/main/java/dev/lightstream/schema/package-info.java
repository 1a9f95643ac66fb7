/**
 * The logical description of Arrow data: {@link dev.lightstream.schema.DataType}, a sealed
 * interface with one record per Arrow type, {@link dev.lightstream.schema.Field} (name, type,
 * nullability, metadata, dictionary id) and {@link dev.lightstream.schema.Schema}.
 *
 * {@snippet :
 * Schema schema = Schema.of(
 *         Field.of("id", DataType.INT64),
 *         Field.nullable("tags", DataType.list(DataType.UTF8)),
 *         Field.nullable("city", DataType.dictionary(DataType.INT16, DataType.UTF8)).withDictionaryId(0));
 * }
 *
 * <p>All types are immutable values compared by {@code equals}; nested types carry their child
 * fields. This package imports nothing else of Lightstream.
 */
package dev.lightstream.schema;
