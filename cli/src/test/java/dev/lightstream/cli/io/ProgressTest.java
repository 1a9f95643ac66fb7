package dev.lightstream.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: rate-limited, rewritten in place, erased at the end, only on a terminal. */
class ProgressTest {
    private static final long MS = 1_000_000L;

    @Test
    void redrawsAtMostEveryIntervalAndErasesItsLine() {
        AtomicLong now = new AtomicLong(1_000 * MS);
        StringWriter text = new StringWriter();
        Progress progress = Progress.withClock(new PrintWriter(text), "convert", now::get);
        progress.update(10, 1000, 0.1);
        assertThat(text.toString()).as("nothing before the first interval").isEmpty();
        now.addAndGet(2_000 * MS);
        progress.update(2_000_000, 100_000_000, 0.42);
        String first = "\rconvert  2,000,000 rows  100 MB  1.00 M rows/s  50.0 MB/s  0:02  42% [########............]"
                + "  0:02 left";
        assertThat(text.toString()).isEqualTo(first);
        now.addAndGet(100 * MS);
        progress.update(2_100_000, 101_000_000, 0.43);
        assertThat(text.toString()).as("too soon to redraw").isEqualTo(first);
        now.addAndGet(100 * MS);
        progress.update(2_200_000, 102_000_000, -1);
        String second = "\rconvert  2,200,000 rows  102 MB  1.00 M rows/s  46.4 MB/s  0:02";
        // The shorter line is padded with spaces over the end of the longer one.
        assertThat(text.toString()).isEqualTo(first + second + " ".repeat(first.length() - second.length()));
        progress.close();
        assertThat(text.toString()).endsWith("\r" + " ".repeat(second.length() - 1) + "\r");
    }

    @Test
    void theBarFillsWithTheShareDone() {
        Progress progress = Progress.withClock(new PrintWriter(new StringWriter()), "convert", () -> 0);
        assertThat(progress.line(10, -1, 0, 1_000 * MS)).endsWith("  0% [....................]");
        assertThat(progress.line(10, -1, 0.25, 1_000 * MS)).endsWith("  25% [#####...............]  0:03 left");
        assertThat(progress.line(10, -1, 1.0, 1_000 * MS)).endsWith("  100% [####################]");
        assertThat(progress.line(10, -1, 1.5, 1_000 * MS)).endsWith("  100% [####################]");
    }

    @Test
    void rowsOnlyWhenBytesAreUnknown() {
        Progress progress = Progress.withClock(new PrintWriter(new StringWriter()), "cat", () -> 0);
        assertThat(progress.line(1500, -1, -1, 3_000 * MS)).isEqualTo("cat  1,500 rows  500 rows/s  0:03");
    }

    @Test
    void showsNothingWhenStderrIsNotATerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = Console.of(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err, false);
        try (Progress progress = Progress.start(console, "convert")) {
            assertThat(progress).isSameAs(Progress.none());
            progress.update(1, 1, 1);
        }
        assertThat(err.size()).isZero();
        Console terminal = Console.of(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err, true);
        try (Progress progress = Progress.start(terminal, "convert")) {
            assertThat(progress).isNotSameAs(Progress.none());
        }
    }
}
