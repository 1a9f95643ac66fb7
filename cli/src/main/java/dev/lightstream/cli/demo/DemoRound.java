package dev.lightstream.cli.demo;

import java.io.IOException;

/**
 * One way of moving the demo table: the round writes the generated batches somewhere, reads them
 * back, checks every value against {@link DemoContext#expected()} and reports sizes and times.
 *
 * <p>The demo runs a list of rounds ({@link DemoRounds#defaults()}): the IPC file and the IPC
 * stream ({@link IpcRound}), then TCP, a Unix socket and a stdio pipe ({@link TransportRound}).
 *
 * {@snippet :
 * RoundResult result = new IpcRound(IpcFormat.STREAM).run(table, context);
 * System.out.println(result.name() + " " + result.bytes() + " bytes");
 * }
 */
public interface DemoRound {
    /** A short name for the report: "ipc file". */
    String name();

    /**
     * Writes {@code table}, reads it back and verifies it.
     *
     * @throws DemoMismatchException if what was read differs from {@code context.expected()}
     * @throws IOException if writing or reading fails
     */
    RoundResult run(DemoTable table, DemoContext context) throws IOException;

    /** Why this round cannot run here (its transport module is missing, say), or null if it can. */
    default String skipReason(DemoTable table) {
        return null;
    }

    /** A line printed under the report when this round moves less than {@code table} (or null). */
    default String note(DemoTable table) {
        return null;
    }
}
