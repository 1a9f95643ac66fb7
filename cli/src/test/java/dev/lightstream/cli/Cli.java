package dev.lightstream.cli;

import dev.lightstream.cli.io.Console;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command in-process, as {@code Main.main} would, with captured streams. */
final class Cli {
    private Cli() {}

    /** What a run printed and returned. */
    record Result(int exit, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + (stdout.length > 4000 ? stdout.length + " bytes" : out())
                    + "\n--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        return run(new byte[0], false, args);
    }

    static Result withStdin(byte[] stdin, String... args) {
        return run(stdin, false, args);
    }

    static Result run(byte[] stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(Console.of(new ByteArrayInputStream(stdin), out, err, terminal), args);
        return new Result(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code lightstream integration --mode MODE args...}; arguments are turned into strings. */
    static Result integration(String mode, Object... args) {
        String[] all = new String[args.length + 3];
        all[0] = "integration";
        all[1] = "--mode";
        all[2] = mode;
        for (int i = 0; i < args.length; i++) {
            all[3 + i] = String.valueOf(args[i]);
        }
        return run(all);
    }
}
