package dev.lightstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightstream.cli.io.Console;
import dev.lightstream.ipc.InvalidIpcException;
import dev.lightstream.memory.AllocationLimitException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every failure becomes one line and exit 1, errors of the JVM included. */
class ErrorReporterTest {

    @Test
    void describesEachKindOfFailureInOneLine() {
        assertThat(ErrorReporter.describe(new NoSuchFileException("a.arrow"))).isEqualTo("no such file: a.arrow");
        assertThat(ErrorReporter.describe(new AccessDeniedException("a.arrow"))).isEqualTo("permission denied: a.arrow");
        assertThat(ErrorReporter.describe(new FileSystemException("a.arrow"))).isEqualTo("FileSystemException: a.arrow");
        assertThat(ErrorReporter.describe(new EOFException("the stream ended")))
                .isEqualTo("truncated input: the stream ended");
        assertThat(ErrorReporter.describe(new UncheckedIOException(new InvalidIpcException("bad\nthing"))))
                .isEqualTo("bad thing");
        assertThat(ErrorReporter.describe(new OutOfMemoryError("Java heap space")))
                .isEqualTo("out of memory: Java heap space");
        assertThat(ErrorReporter.describe(new AllocationLimitException(128, 64, 100)))
                .isEqualTo("out of memory: allocation of 128 bytes refused: allocated=64 limit=100");
        assertThat(ErrorReporter.describe(new IllegalStateException("oops"))).isEqualTo("IllegalStateException: oops");
    }

    @CommandLine.Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @CommandLine.Parameters(index = "0")
        String what;

        @Override
        public Integer call() {
            switch (what) {
                case "heap" -> throw new OutOfMemoryError("Java heap space");
                case "stack" -> throw new StackOverflowError();
                default -> throw new IllegalArgumentException("a bug, reported in one line");
            }
        }
    }

    @Test
    void jvmErrorsAreOneLineAndExit1Too() {
        for (String what : new String[] {"heap", "stack", "bug"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Console console = Console.of(new ByteArrayInputStream(new byte[0]), out, err, false);
            CommandLine cl = LightstreamCommand.configure(
                    LightstreamCommand.commandLine(console).addSubcommand(new Failing()), console);
            int exit = Main.execute(cl, console, "fail", what);
            String text = err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(what).isEqualTo(1);
            assertThat(text.lines().toList()).as(what).singleElement().asString().startsWith("lightstream: ");
            assertThat(out.size()).isZero();
        }
    }
}
