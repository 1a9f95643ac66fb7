package dev.lightstream.benchmarks;

import java.util.List;

/**
 * One named measurement of issue 7 ({@code tcp-64k}, {@code mmap-open}...): it prepares its data
 * and peers in {@link #setUp}, returns the sides to time (ours first), and turns each run's
 * elapsed time into its unit.
 *
 * <p>Throughputs are computed over the same byte count for every side, {@link #referenceBytes()}:
 * the size of our IPC encoding of the rows one run moves. A ratio between two sides is then the
 * ratio of their times for the same rows.
 */
public abstract class Measurement implements AutoCloseable {
    /** Units. */
    public static final String MB_PER_S = "MB/s";
    public static final String MS = "ms";
    public static final String MROWS_PER_S = "Mrows/s";

    private final String name;
    private final String unit;
    protected long referenceBytes;
    protected long referenceRows;
    protected long referenceMessages;

    protected Measurement(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    public final String name() {
        return name;
    }

    public final String unit() {
        return unit;
    }

    public final boolean higherIsBetter() {
        return !MS.equals(unit);
    }

    /** Bytes of our IPC encoding of one run's rows (set by {@link #setUp}). */
    public final long referenceBytes() {
        return referenceBytes;
    }

    /** Rows one run moves, where the measurement knows it (0 otherwise). */
    public final long referenceRows() {
        return referenceRows;
    }

    /** Messages one run moves, for the protocol's small messages (0 otherwise). */
    public final long referenceMessages() {
        return referenceMessages;
    }

    /** Prepares data, files and servers; returns the sides to time, ours first. */
    public abstract List<Side> setUp(Scale scale, Workspace workspace) throws Exception;

    /** How many timed runs {@code side} gets (fewer for sides that take a second each). */
    public int runs(Side side, Scale scale) {
        return scale.runs();
    }

    /** How many untimed runs {@code side} gets first. */
    public int warmups(Side side, Scale scale) {
        return scale.warmups();
    }

    /** The value of one run in {@link #unit()}. */
    public double value(Moved moved, long nanos) {
        return switch (unit) {
            case MS -> nanos / 1e6;
            case MROWS_PER_S -> referenceRows / 1e6 / (nanos / 1e9);
            default -> referenceBytes / 1e6 / (nanos / 1e9);
        };
    }

    /** Stops servers and frees data; idempotent. */
    @Override
    public void close() throws Exception {}
}
