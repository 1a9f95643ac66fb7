package dev.lightstream.cli;

import dev.lightstream.memory.AllocationLimitException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns a failure into one line on stderr and exit code 1: invalid input must never print a stack
 * trace. Set {@code LIGHTSTREAM_DEBUG=1} to see the trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int INVALID_INPUT = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        cl.getErr().println("lightstream: " + describe(e));
        if (System.getenv("LIGHTSTREAM_DEBUG") != null) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return INVALID_INPUT;
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String text = switch (t) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            // Its message alone is only the path: say what went wrong with it.
            case FileSystemException f when f.getReason() == null -> f.getClass().getSimpleName() + ": " + message;
            case EOFException eof -> "truncated input: " + message;
            case IOException io -> message;
            case OutOfMemoryError oom -> "out of memory: " + message;
            case AllocationLimitException a -> "out of memory: " + message;
            case StackOverflowError so -> "input nested too deeply (stack overflow)";
            default -> t.getClass().getSimpleName() + ": " + message;
        };
        return text.replace('\n', ' ');
    }
}
