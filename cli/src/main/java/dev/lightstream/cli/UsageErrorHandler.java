package dev.lightstream.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Reports a usage error (unknown option, missing argument, bad value) in one line plus a hint,
 * instead of the whole usage text, and exits 2.
 *
 * <pre>
 * lightstream: Missing required parameter: 'FILE'
 * Try 'lightstream schema --help' for more information.
 * </pre>
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    static final int USAGE_ERROR = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("lightstream: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE_ERROR;
    }
}
