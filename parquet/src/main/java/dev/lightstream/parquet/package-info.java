/**
 * Parquet files to and from Arrow record batches: {@link dev.lightstream.parquet.ParquetWriter}
 * and {@link dev.lightstream.parquet.ParquetReader}, on parquet-java without any Hadoop jar.
 *
 * <p>parquet-java's file writer, column writers and page readers do the encoding; the Hadoop
 * classes it names come from parquet-floor's stubs; compression comes from aircompressor and the
 * JDK. Arrow arrays are turned into repetition and definition levels here, a column at a time.
 */
package dev.lightstream.parquet;
