/** The tokenizer, value parsers, type inference and value formatting under {@link dev.lightstream.csv}. Not exported. */
package dev.lightstream.csv.internal;
