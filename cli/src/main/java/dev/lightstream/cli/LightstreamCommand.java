package dev.lightstream.cli;

import dev.lightstream.cli.io.Console;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code lightstream} command; its subcommands do the work, one class each.
 *
 * <p>A new subcommand extends {@link Subcommand} (which gives it the {@link Console}) and is
 * listed in {@code subcommands} below (settings such as the error handlers reach the subcommands
 * that exist when {@link #configure} runs). Input and output are opened through
 * {@link dev.lightstream.cli.io.IpcSource} and {@link dev.lightstream.cli.io.IpcSink}.
 */
@Command(
        name = "lightstream",
        mixinStandardHelpOptions = true,
        versionProvider = LightstreamCommand.Version.class,
        description = "Zero-copy Apache Arrow streaming for the JVM: inspect, convert and serve Arrow data.",
        footer = {"", "Start with 'lightstream demo'. 'lightstream help COMMAND' describes a command.",
            "Exit codes: 0 success, 1 invalid input (one line on stderr), 2 usage error."},
        subcommands = {
            SchemaCommand.class,
            CatCommand.class,
            ConvertCommand.class,
            ServeCommand.class,
            LoadTestCommand.class,
            DemoCommand.class,
            IntegrationCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class LightstreamCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Console console;

    LightstreamCommand(Console console) {
        this.console = console;
    }

    /** The streams of this run. */
    Console console() {
        return console;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The configured command line: usage errors exit 2, failures exit 1 with one line on stderr. */
    static CommandLine commandLine(Console console) {
        return configure(new CommandLine(new LightstreamCommand(console)), console);
    }

    /** Applies the settings to {@code cl} and every subcommand it has now. */
    static CommandLine configure(CommandLine cl, Console console) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setOut(console.out());
        cl.setErr(console.err());
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LightstreamCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lightstream " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
