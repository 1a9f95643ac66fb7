package dev.lightstream.benchmarks;

/**
 * How much work one benchmark run does: the size of each measurement and how often it repeats.
 *
 * <p>Three scales exist: {@link #SMOKE} for the test suite (tiny, a few seconds for everything,
 * numbers meaningless), {@link #QUICK} (about a minute for everything) and {@link #FULL} (a few
 * minutes). Every figure is the median of {@link #runs} timed runs after {@link #warmups} untimed
 * ones.
 *
 * @param name "smoke", "quick" or "full"
 * @param streamBytes bytes of IPC stream one run of a stream measurement moves
 * @param fileBytes bytes of IPC file one run of a file measurement writes or reads
 * @param mmapRows rows of the memory-mapped file (100,000,000 outside the smoke test)
 * @param warmups untimed runs before the timed ones
 * @param runs timed runs
 * @param slowRuns timed runs of sides that take about a second each (Arrow Java loading the
 *     100M-row batch)
 */
public record Scale(String name, long streamBytes, long fileBytes, int mmapRows, int warmups, int runs, int slowRuns) {
    public static final Scale SMOKE = new Scale("smoke", 6L << 20, 6L << 20, 200_000, 0, 1, 1);
    public static final Scale QUICK = new Scale("quick", 128L << 20, 128L << 20, 100_000_000, 1, 5, 3);
    public static final Scale FULL = new Scale("full", 1L << 30, 1L << 30, 100_000_000, 3, 9, 5);
}
