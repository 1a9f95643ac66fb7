package dev.lightstream.cli;

import dev.lightstream.cli.io.Console;

/**
 * Entry point of the {@code lightstream} command.
 *
 * {@snippet :
 * int exit = Main.run(Console.of(stdin, stdout, stderr, false), "schema", "data.arrow");
 * }
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        NettyLogging.useJdkLogging();
        System.exit(run(Console.system(), args));
    }

    /** Runs the command line on the process's streams: 0 success, 1 invalid input, 2 usage error. */
    public static int run(String... args) {
        return run(Console.system(), args);
    }

    /**
     * Runs the command line on {@code console}'s streams and returns its exit code: 0 success,
     * 1 invalid input (one line on stderr), 2 usage error.
     */
    public static int run(Console console, String... args) {
        return execute(LightstreamCommand.commandLine(console), console, args);
    }

    /** Runs a configured command line (tests add commands to it). */
    static int execute(picocli.CommandLine commandLine, Console console, String... args) {
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // Errors pass through picocli's handler; they are still one line, not a trace.
            console.err().println("lightstream: " + ErrorReporter.describe(e));
            return ErrorReporter.INVALID_INPUT;
        } finally {
            console.flush();
        }
    }
}
