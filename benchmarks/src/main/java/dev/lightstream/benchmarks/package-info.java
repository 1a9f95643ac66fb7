/**
 * The benchmark suite of issue 7, run by {@code bin/lightstream bench}: Lightstream side by side
 * with Arrow Java 19, Arrow Flight 19 and a raw byte pump (the physical limit of the channel),
 * on the same data and the same kind of channel, in the same run.
 *
 * {@snippet :
 * // bin/lightstream bench --quick --json results.jsonl
 * BenchMain.main(new String[] {"--quick", "--json", "results.jsonl"});
 * }
 *
 * <p>Each {@link dev.lightstream.benchmarks.Measurement} prepares its data and peers and returns
 * its {@link dev.lightstream.benchmarks.Side}s; the {@link dev.lightstream.benchmarks.Runner} warms
 * every side up, then interleaves the timed runs and reports the median and spread of each, the
 * ratios, every side's peak RSS and the load average. Readers touch every batch (they sum a column)
 * and the sides' row counts and sums are compared, so nothing can be skipped unnoticed. This
 * module runs on the class path with the JVM flags Arrow Java needs; the core needs none.
 */
package dev.lightstream.benchmarks;
