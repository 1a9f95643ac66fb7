/**
 * {@code lightstream demo}: a generated table of mixed types
 * ({@link dev.lightstream.cli.demo.DemoTable}) moved by a list of
 * {@link dev.lightstream.cli.demo.DemoRound}s (an IPC file, an IPC stream, then TCP, a Unix socket and
 * a stdio pipe from a second process: {@link dev.lightstream.cli.demo.TransportRound}),
 * each written, read back, verified value by value and timed
 * ({@link dev.lightstream.cli.demo.RoundResult}).
 *
 * {@snippet :
 * DemoTable table = new DemoTable(5_000_000, 65_536, 1);
 * for (DemoRound round : DemoRounds.defaults()) {
 *     RoundResult result = round.run(table, context);   // throws DemoMismatchException on a difference
 * }
 * }
 */
package dev.lightstream.cli.demo;
