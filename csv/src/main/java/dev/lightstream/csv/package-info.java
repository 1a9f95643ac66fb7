/**
 * CSV text to and from Arrow record batches: a streaming {@link dev.lightstream.csv.CsvReader}
 * with type inference and a {@link dev.lightstream.csv.CsvWriter} for every type of the model.
 *
 * <p>The reader uses a purpose-built tokenizer that works on UTF-8 bytes and parses numbers and
 * dates without making Strings; docs/formats.md has the measurements against FastCSV behind that
 * choice.
 */
package dev.lightstream.csv;
