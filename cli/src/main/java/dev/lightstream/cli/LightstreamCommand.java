package dev.lightstream.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code lightstream} command; its subcommands do the work. */
@Command(
        name = "lightstream",
        mixinStandardHelpOptions = true,
        versionProvider = LightstreamCommand.Version.class,
        description = "Zero-copy Apache Arrow streaming for the JVM: inspect, convert and serve Arrow data.",
        subcommands = {CommandLine.HelpCommand.class, IntegrationCommand.class})
public final class LightstreamCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The configured command line: usage errors exit 2, failures exit 1 with one line on stderr. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LightstreamCommand());
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setErr(new PrintWriter(System.err, true));
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
