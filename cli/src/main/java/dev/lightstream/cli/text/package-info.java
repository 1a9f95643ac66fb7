/**
 * Arrow data as text for people: {@link dev.lightstream.cli.text.ValueText} (one value),
 * {@link dev.lightstream.cli.text.TextTable} (aligned rows, written as batches arrive),
 * {@link dev.lightstream.cli.text.SchemaText} (a schema as a tree) and
 * {@link dev.lightstream.cli.text.Units} (sizes, rates, durations).
 *
 * {@snippet :
 * TextTable table = new TextTable(batch.schema(), out, 40, 1000);
 * table.add(batch, 0, batch.rowCount());
 * table.finish(-1, false);
 * }
 */
package dev.lightstream.cli.text;
