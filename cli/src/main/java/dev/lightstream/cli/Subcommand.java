package dev.lightstream.cli;

import dev.lightstream.cli.io.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The base of every subcommand: the console of the run, and usage errors that exit 2.
 * {@link #call()} returns the exit code; a thrown exception becomes one line on stderr and exit 1
 * ({@link ErrorReporter}).
 */
abstract class Subcommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    LightstreamCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The streams of this run. */
    final Console console() {
        return parent.console();
    }

    /** A usage error: picocli prints it with a hint and exits 2. */
    final CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
