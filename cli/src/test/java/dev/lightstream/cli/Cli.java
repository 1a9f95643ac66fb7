package dev.lightstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs the {@code lightstream} command line in-process and captures what it prints. */
final class Cli {
    private Cli() {}

    /** What one run returned and printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(Object... args) {
        String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        CommandLine cl = LightstreamCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(strings);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs {@code lightstream integration --mode MODE args...}. */
    static Run integration(String mode, Object... args) {
        Object[] all = new Object[args.length + 3];
        all[0] = "integration";
        all[1] = "--mode";
        all[2] = mode;
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }
}
