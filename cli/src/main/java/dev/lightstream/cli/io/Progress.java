package dev.lightstream.cli.io;

import dev.lightstream.cli.text.Units;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr for long work: rows, bytes, rates, elapsed time, and,
 * when the size of the input is known (a file's bytes, a footer's rows), the percentage done, a
 * bar and the time left.
 *
 * <pre>
 * convert  1,234,567 rows  98.3 MB  2.10 M rows/s  167 MB/s  0:03  42% [########............]  0:04 left
 * </pre>
 *
 * <p>Shown only when stderr is a terminal ({@link Console#stderrIsTerminal()}), so that logs and
 * pipes never receive carriage returns. Redrawn at most every {@link #INTERVAL_NANOS} and not
 * before the work has run that long, so quick commands print nothing; {@link #close()} erases the
 * line.
 *
 * {@snippet :
 * try (Progress progress = Progress.start(console, "convert")) {
 *     while (...) {
 *         progress.update(rows, bytes, source.fractionRead());
 *     }
 * }
 * }
 */
public final class Progress implements AutoCloseable {
    /** The characters of the bar shown when the share done is known. */
    static final int BAR_WIDTH = 20;

    /** The least time between two redraws: five per second. */
    public static final long INTERVAL_NANOS = 200_000_000L;

    private static final Progress NONE = new Progress(null, "", System::nanoTime);

    private final PrintWriter err;
    private final String label;
    private final LongSupplier clock;
    private final long start;
    private long lastDrawn;
    private int lastWidth;

    Progress(PrintWriter err, String label, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDrawn = start;
    }

    /** A display on the console's stderr if it is a terminal, else one that does nothing. */
    public static Progress start(Console console, String label) {
        return console.stderrIsTerminal() ? new Progress(console.err(), label, System::nanoTime) : NONE;
    }

    /** A display that shows nothing. */
    public static Progress none() {
        return NONE;
    }

    /** A display on {@code err} that reads the time from {@code clock} (nanoseconds), for tests. */
    static Progress withClock(PrintWriter err, String label, LongSupplier clock) {
        return new Progress(err, label, clock);
    }

    /**
     * Reports the work done so far; redraws if the last drawing is old enough.
     *
     * @param bytes the bytes done, or negative to show rows only
     * @param fraction the share done in 0..1, or negative when unknown
     */
    public void update(long rows, long bytes, double fraction) {
        if (err == null) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastDrawn < INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        draw(line(rows, bytes, fraction, now - start));
    }

    String line(long rows, long bytes, double fraction, long elapsed) {
        StringBuilder sb = new StringBuilder(label).append("  ").append(Units.count(rows)).append(" rows");
        if (bytes >= 0) {
            sb.append("  ").append(Units.bytes(bytes));
        }
        if (elapsed > 0) {
            sb.append("  ").append(Units.perSecond(rows * 1e9 / elapsed)).append(" rows/s");
            if (bytes >= 0) {
                sb.append("  ").append(Units.bytesPerSecond(bytes, elapsed));
            }
        }
        sb.append("  ").append(Units.clock(elapsed));
        if (fraction >= 0) {
            double done = Math.min(1.0, fraction);
            sb.append(String.format(Locale.ROOT, "  %d%%", (int) Math.floor(done * 100)));
            // The bar and the time left, when the size of the input is known.
            int filled = (int) Math.floor(done * BAR_WIDTH);
            sb.append(" [").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append(']');
            if (done > 0 && done < 1 && elapsed > 0) {
                sb.append("  ").append(Units.clock((long) (elapsed * (1 - done) / done))).append(" left");
            }
        }
        return sb.toString();
    }

    private void draw(String line) {
        // Pad with spaces over the end of a longer previous line; no newline, so the next
        // drawing overwrites this one.
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    /** Erases the line if anything was drawn. */
    @Override
    public void close() {
        if (err != null && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
