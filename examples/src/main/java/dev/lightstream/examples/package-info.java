/**
 * Small, complete programs that use the Lightstream API, each runnable with its {@code main}:
 * {@link dev.lightstream.examples.WriteAndReadIpcFile}, {@link dev.lightstream.examples.StreamToChannel}
 * and {@link dev.lightstream.examples.BuildBatches}; {@link dev.lightstream.examples.MetricsService}, a
 * service that streams metrics tables and takes commands on one connection (the Lightstream
 * protocol). The protocol's benchmark is in the benchmarks module ({@code protocol-small},
 * {@code protocol-table}).
 *
 * <p>The code between {@code // readme:NAME} and {@code // end:NAME} is shown in the README's quick
 * start; a test checks that the README shows it unchanged, so the README's code always compiles.
 *
 * {@snippet :
 * WriteAndReadIpcFile.main(new String[] {"/tmp/cities.arrow"});
 * }
 */
package dev.lightstream.examples;
