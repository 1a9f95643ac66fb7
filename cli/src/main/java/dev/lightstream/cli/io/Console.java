package dev.lightstream.cli.io;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The standard streams of one run of the {@code lightstream} command, and whether stdout and
 * stderr are terminals.
 *
 * <p>Binary data (an IPC stream written to {@code -}) goes through {@link #stdoutChannel()}, text
 * (tables, schemas, reports) through {@link #out()}; a command uses one or the other, so that
 * stdout carries nothing but data when it is a stream output. Diagnostics and progress go to
 * {@link #err()}.
 *
 * {@snippet :
 * Console console = Console.of(stdin, stdout, stderr, false);   // in-process, as tests do
 * int exit = Main.run(console, "cat", "data.arrows", "--limit", "5");
 * }
 *
 * <p>The system console learns whether its streams are terminals from the system properties
 * {@code lightstream.stdout.tty} and {@code lightstream.stderr.tty}, which {@code bin/lightstream}
 * sets (Java cannot ask {@code isatty} for each stream).
 */
public final class Console {
    private static final int TEXT_BUFFER = 64 * 1024;

    private final ReadableByteChannel stdin;
    private final WritableByteChannel stdout;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;

    private Console(ReadableByteChannel stdin, WritableByteChannel stdout, OutputStream textOut, OutputStream errOut,
            boolean stdoutTerminal, boolean stderrTerminal) {
        this.stdin = UnclosableChannels.of(stdin);
        this.stdout = UnclosableChannels.of(stdout);
        this.out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(textOut, StandardCharsets.UTF_8),
                TEXT_BUFFER), false);
        this.err = new PrintWriter(new OutputStreamWriter(errOut, StandardCharsets.UTF_8), true);
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
    }

    /**
     * The process's own streams. Binary stdin and stdout are file channels on the standard file
     * descriptors, so that an IPC stream is read and written with no extra buffer copy.
     */
    public static Console system() {
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        return new Console(new FileInputStream(FileDescriptor.in).getChannel(), stdout.getChannel(), stdout,
                new FileOutputStream(FileDescriptor.err), Boolean.getBoolean("lightstream.stdout.tty"),
                Boolean.getBoolean("lightstream.stderr.tty"));
    }

    /**
     * A console over the given streams; {@code terminal} says whether stderr is a terminal (which
     * turns progress display on). Stdout is never treated as a terminal.
     */
    public static Console of(InputStream in, OutputStream out, OutputStream err, boolean terminal) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        return new Console(Channels.newChannel(in), Channels.newChannel(out), out, err, false, terminal);
    }

    /** Stdin as a channel; closing it leaves the stream open. */
    public ReadableByteChannel stdinChannel() {
        return stdin;
    }

    /** Stdout as a channel for binary output; closing it leaves the stream open. */
    public WritableByteChannel stdoutChannel() {
        out.flush();
        return stdout;
    }

    /** Stdout for text, UTF-8, buffered: flushed by {@link #flush()}. */
    public PrintWriter out() {
        return out;
    }

    /** Stderr for text, UTF-8, flushed on every line. */
    public PrintWriter err() {
        return err;
    }

    /** True if stdout is a terminal. */
    public boolean stdoutIsTerminal() {
        return stdoutTerminal;
    }

    /** True if stderr is a terminal: progress is shown only then. */
    public boolean stderrIsTerminal() {
        return stderrTerminal;
    }

    /**
     * True if {@code e} says the reader of a pipe we wrote to has gone ({@code EPIPE}, as when
     * stdout goes to {@code head}); Java tells it only by the message.
     */
    public static boolean isBrokenPipe(java.io.IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /** Flushes the text streams. */
    public void flush() {
        out.flush();
        err.flush();
    }
}
